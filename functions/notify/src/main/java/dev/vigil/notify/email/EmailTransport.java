package dev.vigil.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Where a composed email goes: an SMTP server, or a file when none is configured. */
public interface EmailTransport {

    /** The session messages are composed in (carries the SMTP settings, if any). */
    Session session();

    void send(MimeMessage message) throws MessagingException;

    /** Opens what the next {@link #send} would otherwise open first (an SMTP connection); never throws. */
    default void prepare() {
    }

    /** Called when a delivery pass ends: release connections kept for the next message. */
    default void closeIdle() {
    }

    /** Where messages go, for error texts: host and port or directory, never credentials. */
    default String describe() {
        return getClass().getSimpleName();
    }
}
