package dev.vigil.ingest.notification;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The outbox's status words ({@code notify_outbox.status}) and the words the API shows for them. */
public enum DeliveryStatus {
    DELIVERED("SENT"), FAILED("DEAD"), PENDING("PENDING");

    private final String stored;

    DeliveryStatus(String stored) {
        this.stored = stored;
    }

    public String stored() {
        return stored;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    /** An unknown stored word (a newer notify) is shown as it is, lower case. */
    public static String wireOfStored(String stored) {
        return Arrays.stream(values()).filter(s -> s.stored.equals(stored)).findFirst()
                .map(DeliveryStatus::wire).orElse(stored.toLowerCase(Locale.ROOT));
    }
}
