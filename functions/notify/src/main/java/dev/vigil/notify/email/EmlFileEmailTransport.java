package dev.vigil.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

/** The local default without SMTP: each email becomes an .eml file any mail client opens. */
public final class EmlFileEmailTransport implements EmailTransport {

    private static final Logger LOG = LoggerFactory.getLogger(EmlFileEmailTransport.class);

    private final Path dir;
    private final Session session = Session.getInstance(new Properties());

    public EmlFileEmailTransport(Path dir) {
        this.dir = dir;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        try {
            Files.createDirectories(dir);
            String name = System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".eml";
            Path tmp = dir.resolve(name + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                message.writeTo(out);
            }
            // Rename last so a reader never sees half a file.
            Path file = Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("No SMTP configured: wrote email \"{}\" to {}", message.getSubject(), file);
        } catch (IOException e) {
            throw new MessagingException("cannot write .eml under " + dir + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String describe() {
        return ".eml files in " + dir;
    }
}
