package dev.vigil.notify.notifier;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.notify.email.EmailNotifier;
import dev.vigil.notify.email.SmtpEmailTransport;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.util.List;
import java.util.Properties;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailNotifierCompatibilityTest extends NotifierCompatibilityTest {

    static final String PASSWORD = "Sm7pS3cretPassw0rd";
    final int port = deadPort();
    final GreenMail smtp = startSmtp();

    private GreenMail startSmtp() {
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil", PASSWORD));
        g.start();
        return g;
    }

    @AfterAll
    void stop() {
        smtp.stop();
    }

    private Notifier at(int smtpPort) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.connectiontimeout", "2000");
        Session session = Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("vigil", PASSWORD);
            }
        });
        return new EmailNotifier(List.of("ops@example.com"), List.of(), "vigil@example.com", new SmtpEmailTransport(session), Clock.systemUTC());
    }

    protected Notifier live() {
        return at(port);
    }

    protected Notifier down() {
        return at(deadPort());
    }

    protected List<String> secrets() {
        return List.of(PASSWORD);
    }

    protected int delivered() {
        return smtp.getReceivedMessages().length;
    }
}
