package dev.vigil.notify.route;

import java.util.List;

/** A named receiver of the routing config and its integrations (none for a "null" receiver that drops alerts). */
public record Receiver(String name, List<Integration> integrations) {
}
