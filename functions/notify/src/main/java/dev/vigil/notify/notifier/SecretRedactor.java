package dev.vigil.notify.notifier;

import java.util.List;
import java.util.Objects;

/** Last line of defence: replaces any configured secret that slipped into an error text. */
public final class SecretRedactor {

    private static final int MIN_SECRET_LENGTH = 4;
    private final List<String> secrets;

    public SecretRedactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= MIN_SECRET_LENGTH).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }
}
