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
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.Properties;
import java.util.UUID;

/** The local default without SMTP: each email becomes an .eml file any mail client opens. */
public final class EmlFileEmailTransport implements EmailTransport {

    private static final Logger LOG = LoggerFactory.getLogger(EmlFileEmailTransport.class);

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

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
            createPrivateDirectory();
            String name = System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".eml";
            Path tmp = dir.resolve(name + ".tmp");
            // Emails carry host names, values and recipients: owner-only, like a mail spool (issue 11).
            createPrivateFile(tmp);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                message.writeTo(out);
            }
            // Rename last so a reader never sees half a file.
            Path file = Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("No SMTP configured: wrote email \"{}\" to {}", message.getSubject(), file);
        } catch (IOException e) {
            throw new MessagingException("cannot write .eml under " + dir + ": " + e.getClass().getSimpleName());
        }
    }

    private void createPrivateDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            if (posix()) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
            }
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            // createDirectories applies the umask; set the bits explicitly.
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        } else {
            Files.createDirectories(dir);
        }
    }

    private void createPrivateFile(Path file) throws IOException {
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        } else {
            Files.createFile(file);
        }
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String describe() {
        return ".eml files in " + dir;
    }
}
