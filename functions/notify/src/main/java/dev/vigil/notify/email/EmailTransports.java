package dev.vigil.notify.email;

import dev.vigil.notify.config.ReceiverProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One transport per SMTP server (host, port, user, TLS), shared by every email integration that
 * sends through it, so connections are reused across receivers. With no SMTP host anywhere, email
 * goes to .eml files under {@code vigil.notify.email.outbox-dir}. Sessions are built here rather than
 * by micronaut-email's provider, which uses the JVM-wide {@code Session.getDefaultInstance}.
 */
@Singleton
public class EmailTransports {

    /** Connect, read and write timeouts when the environment sets none: a stuck server must not hold a delivery worker. */
    static final String DEFAULT_CONNECT_TIMEOUT_MS = "5000";
    static final String DEFAULT_IO_TIMEOUT_MS = "10000";

    /** A server as an email integration resolved it: the file's settings over the environment's. */
    public record Server(@Nullable String host, int port, @Nullable String user, @Nullable String password, boolean startTls) {
        @Override
        public String toString() {
            return "Server[" + host + ":" + port + ", user=" + user + ", password=***, startTls=" + startTls + "]";
        }
    }

    private final SmtpSettings env;
    private final ReceiverProperties.Email email;
    private final Map<Server, EmailTransport> transports = new ConcurrentHashMap<>();

    public EmailTransports(SmtpSettings env, ReceiverProperties.Email email) {
        this.env = env;
        this.email = email;
        StreamProviderPin.pin();
    }

    /** The server an integration uses: each field from the integration, else the file's global, else the environment. */
    public Server resolve(@Nullable String smarthost, @Nullable String user, @Nullable String password, @Nullable Boolean requireTls) {
        String host = env.host();
        int port = env.port();
        if (smarthost != null) {
            int colon = smarthost.lastIndexOf(':');
            host = smarthost.substring(0, colon);
            port = Integer.parseInt(smarthost.substring(colon + 1));
        }
        String u = user != null ? user : env.user();
        String p = user != null ? password : env.password();
        return new Server(host == null || host.isBlank() ? null : host, port, u, p, requireTls != null ? requireTls : env.startTls());
    }

    public EmailTransport transport(Server server) {
        return transports.computeIfAbsent(server, this::create);
    }

    private EmailTransport create(Server s) {
        if (s.host() == null) {
            return new EmlFileEmailTransport(Path.of(email.getOutboxDir()));
        }
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", s.host());
        props.setProperty("mail.smtp.port", String.valueOf(s.port()));
        props.setProperty("mail.smtp.connectiontimeout", env.javamail("mail.smtp.connectiontimeout").orElse(DEFAULT_CONNECT_TIMEOUT_MS));
        props.setProperty("mail.smtp.timeout", env.javamail("mail.smtp.timeout").orElse(DEFAULT_IO_TIMEOUT_MS));
        props.setProperty("mail.smtp.writetimeout", env.javamail("mail.smtp.writetimeout").orElse(DEFAULT_IO_TIMEOUT_MS));
        if (s.port() == 465) {
            // Implicit TLS (SMTPS), as Alertmanager does for port 465.
            props.setProperty("mail.smtp.ssl.enable", "true");
        } else if (s.startTls()) {
            props.setProperty("mail.smtp.starttls.enable", "true");
            props.setProperty("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (s.user() != null && !s.user().isBlank()) {
            props.setProperty("mail.smtp.auth", "true");
            String user = s.user();
            String password = s.password() == null ? "" : s.password();
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        return new SmtpEmailTransport(Session.getInstance(props, auth));
    }

    /** After a delivery pass: connections kept open between its messages are closed. */
    public void closeIdle() {
        transports.values().forEach(EmailTransport::closeIdle);
    }

    @PreDestroy
    void close() {
        closeIdle();
    }
}
