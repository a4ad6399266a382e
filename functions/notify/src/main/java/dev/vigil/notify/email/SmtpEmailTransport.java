package dev.vigil.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/** Sends through the SMTP server named by the micronaut-email-javamail properties. */
public final class SmtpEmailTransport implements EmailTransport {

    private final Session session;

    public SmtpEmailTransport(Session session) {
        this.session = session;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        Transport.send(message);
    }

    @Override
    public String describe() {
        return "SMTP " + session.getProperty("mail.smtp.host") + ":" + session.getProperty("mail.smtp.port");
    }
}
