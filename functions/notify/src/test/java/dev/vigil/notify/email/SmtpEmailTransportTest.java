package dev.vigil.notify.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The connection opened ahead of a pass's first message: used once, and never a reason for a lost or doubled email. */
class SmtpEmailTransportTest {

    static final String PASSWORD = "Pr3paredConnPassw0rd";

    private GreenMail smtp;

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void givenAPreparedConnection_whenMessagesAreSent_thenEachArrivesOnce() throws Exception {
        int port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil", PASSWORD));
        smtp.start();
        SmtpEmailTransport transport = new SmtpEmailTransport(session(port));

        transport.prepare();
        transport.prepare(); // a second caller finds the idle connection and opens none
        transport.send(message(transport, "first"));
        transport.send(message(transport, "second"));
        transport.closeIdle();

        assertEquals(2, smtp.getReceivedMessages().length);
    }

    @Test
    void givenNoServer_whenPrepared_thenNothingThrowsAndTheSendStillReportsTheFailure() throws Exception {
        SmtpEmailTransport transport = new SmtpEmailTransport(session(freePort()));

        assertDoesNotThrow(transport::prepare);

        assertThrows(MessagingException.class, () -> transport.send(message(transport, "nobody listens")));
    }

    private static MimeMessage message(EmailTransport transport, String subject) throws MessagingException {
        return EmailNotifier.compose(transport.session(), "vigil@example.com", List.of("ops@example.com"), List.of(),
                new EmailRenderer.RenderedEmail(subject, "<p>" + subject + "</p>", subject), 0);
    }

    private static Session session(int port) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.connectiontimeout", "2000");
        p.setProperty("mail.smtp.timeout", "2000");
        return Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("vigil", PASSWORD);
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
