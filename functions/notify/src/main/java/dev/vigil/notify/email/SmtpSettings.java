package dev.vigil.notify.email;

import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The SMTP settings from the environment: micronaut-email-javamail's {@code javamail.properties.mail.smtp.*}
 * and {@code javamail.authentication.*} where an application.yml maps them, else the env variables
 * themselves (VIGIL_SMTP_HOST, _PORT, _TLS, _USER, _PASSWORD seen as {@code vigil.smtp.*}), so a
 * function whose application.yml does not map them (ingest, for its receivers API) sees the same server.
 * A routing file's {@code global.smtp_*} and per-receiver settings override these field by field.
 */
@Singleton
public class SmtpSettings {

    /** SMTP's submission default when only a host is given. */
    public static final int DEFAULT_PORT = 25;

    private final Environment env;

    public SmtpSettings(Environment env) {
        this.env = env;
    }

    @Nullable
    public String host() {
        return first("javamail.properties.mail.smtp.host", "vigil.smtp.host");
    }

    public int port() {
        String p = first("javamail.properties.mail.smtp.port", "vigil.smtp.port");
        try {
            return p == null ? DEFAULT_PORT : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_PORT;
        }
    }

    public boolean startTls() {
        return Boolean.parseBoolean(first("javamail.properties.mail.smtp.starttls.enable", "vigil.smtp.tls"));
    }

    @Nullable
    public String user() {
        return first("javamail.authentication.username", "vigil.notify.smtp.user", "vigil.smtp.user");
    }

    @Nullable
    public String password() {
        // The password goes with the user it was given with.
        if (present("javamail.authentication.username")) {
            return get("javamail.authentication.password");
        }
        if (present("vigil.notify.smtp.user")) {
            return get("vigil.notify.smtp.password");
        }
        return get("vigil.smtp.password");
    }

    /** A javamail property other than host and port (timeouts, TLS details), if the environment sets it. */
    public Optional<String> javamail(String name) {
        return Optional.ofNullable(get("javamail.properties." + name));
    }

    private String first(String... names) {
        for (String n : names) {
            if (present(n)) {
                return get(n).trim();
            }
        }
        return null;
    }

    private boolean present(String name) {
        String v = get(name);
        return v != null && !v.isBlank();
    }

    private String get(String name) {
        return env.getProperty(name, String.class).orElse(null);
    }
}
