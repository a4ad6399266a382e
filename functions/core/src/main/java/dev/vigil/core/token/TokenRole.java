package dev.vigil.core.token;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API token may do. {@code admin}: everything; {@code viewer}: every read except token management,
 * no change; {@code writer}: write samples for any host (remote write, the sender paths that name a host).
 */
public enum TokenRole {
    ADMIN, VIEWER, WRITER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenRole> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst();
    }
}
