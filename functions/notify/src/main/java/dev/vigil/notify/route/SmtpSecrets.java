package dev.vigil.notify.route;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** SMTP credentials from micronaut-email-javamail's {@code javamail.authentication.*} keys (env VIGIL_SMTP_USER / _PASSWORD). */
@Singleton
public record SmtpSecrets(@Nullable @Value("${javamail.authentication.username:}") String user,
                          @Nullable @Value("${javamail.authentication.password:}") String password) {

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
