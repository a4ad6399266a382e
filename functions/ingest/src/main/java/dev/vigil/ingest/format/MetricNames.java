package dev.vigil.ingest.format;

/** Turns a sender's names (Telegraf fields, collectd types, tag keys) into valid metric and label names. */
public final class MetricNames {

    private MetricNames() {
    }

    /** Invalid characters become '_', a leading digit gets a '_' prefix; [a-zA-Z_:][a-zA-Z0-9_:]* results. */
    public static String metric(String name) {
        return sanitise(name, true);
    }

    /** As {@link #metric} without ':'; a leading "__" (reserved) is kept and refused later by the checks. */
    public static String label(String name) {
        return sanitise(name, false);
    }

    public static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                out.append(out.length() == 0 ? "" : "_").append(part);
            }
        }
        return out.toString();
    }

    private static String sanitise(String name, boolean colonAllowed) {
        if (name.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(name.length() + 1);
        if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            out.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || (colonAllowed && c == ':');
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}
