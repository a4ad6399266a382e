package dev.vigil.core.alert;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** What one evaluation did to one fingerprint: the row as it is now and the events to append. */
public record AlertTransition(@Nullable AlertRecord before, AlertRecord after, List<AlertEventKind> events) {
}
