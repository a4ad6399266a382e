package dev.vigil.notify.email;

import dev.vigil.notify.config.ReceiverProperties;
import dev.vigil.notify.route.SmtpSecrets;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.email.javamail.sender.JavaMailConfiguration;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * SMTP when {@code javamail.properties.mail.smtp.host} (env VIGIL_SMTP_HOST) is set, else .eml files.
 * The session is built here rather than by micronaut-email's provider, which uses the JVM-wide
 * {@code Session.getDefaultInstance} and would pin the first SMTP settings it ever saw.
 */
@Factory
public class EmailTransportFactory {

    @Singleton
    EmailTransport emailTransport(@Nullable JavaMailConfiguration javamail, SmtpSecrets secrets, ReceiverProperties.Email email) {
        Properties props = new Properties();
        if (javamail != null) {
            for (Map.Entry<String, Object> e : javamail.getProperties().entrySet()) {
                if (e.getValue() != null && !String.valueOf(e.getValue()).isBlank()) {
                    props.setProperty(e.getKey(), String.valueOf(e.getValue()));
                }
            }
        }
        String host = props.getProperty("mail.smtp.host");
        if (host == null || host.isBlank()) {
            return new EmlFileEmailTransport(Path.of(email.getOutboxDir()));
        }
        Authenticator auth = null;
        if (secrets.user() != null && !secrets.user().isBlank()) {
            props.setProperty("mail.smtp.auth", "true");
            String user = secrets.user();
            String password = secrets.password() == null ? "" : secrets.password();
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        return new SmtpEmailTransport(Session.getInstance(props, auth));
    }
}
