package dev.vigil.notify.route;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * SMTP credentials: micronaut-email-javamail's {@code javamail.authentication.*} when set, else
 * {@code vigil.notify.smtp.user/password} (env VIGIL_SMTP_USER / VIGIL_SMTP_PASSWORD).
 */
@Singleton
public record SmtpSecrets(@Nullable String user, @Nullable String password) {

    @jakarta.inject.Inject
    public SmtpSecrets(@Nullable @Value("${javamail.authentication.username:}") String javamailUser,
                       @Nullable @Value("${javamail.authentication.password:}") String javamailPassword,
                       @Nullable @Value("${vigil.notify.smtp.user:}") String vigilUser,
                       @Nullable @Value("${vigil.notify.smtp.password:}") String vigilPassword) {
        this(blank(javamailUser) ? vigilUser : javamailUser, blank(javamailUser) ? vigilPassword : javamailPassword);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public List<String> values() {
        List<String> out = new ArrayList<>();
        if (password != null && !password.isBlank()) {
            out.add(password);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SmtpSecrets[user=" + user + ", password=***]";
    }
}
