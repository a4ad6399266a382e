package dev.vigil.notify.email;

import dev.vigil.notify.model.Notification;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.notifier.Notifier;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.composer.DefaultMessageComposer;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;

import java.time.Clock;
import java.util.List;

/** Multipart HTML + text email to fixed recipients, through an {@link EmailTransport}. */
public final class EmailNotifier implements Notifier {

    private final List<String> to;
    private final List<String> cc;
    private final String from;
    private final EmailTransport transport;
    private final EmailRenderer renderer = new EmailRenderer();
    private final DefaultMessageComposer composer = new DefaultMessageComposer();
    private final Clock clock;

    public EmailNotifier(List<String> to, List<String> cc, String from, EmailTransport transport, Clock clock) {
        // An unset env var (VIGIL_NOTIFY_EMAIL_TO=) arrives as one empty address.
        this.to = to.stream().filter(a -> a != null && !a.isBlank()).map(String::trim).toList();
        this.cc = cc.stream().filter(a -> a != null && !a.isBlank()).map(String::trim).toList();
        this.from = from;
        this.transport = transport;
        this.clock = clock;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        EmailRenderer.RenderedEmail rendered = renderer.render(notification, clock.millis());
        try {
            Email.Builder email = Email.builder()
                    .from(new Contact(from))
                    .subject(rendered.subject())
                    .body(new MultipartBody(rendered.html(), rendered.text()));
            to.forEach(email::to);
            cc.forEach(email::cc);
            MimeMessage message = (MimeMessage) composer.compose(email.build(), transport.session());
            message.setHeader("X-Vigil-Group", notification.groupKey());
            message.setHeader("X-Vigil-Kind", notification.kind().name());
            transport.send(message);
            return DeliveryResult.ok();
        } catch (AddressException e) {
            return DeliveryResult.permanent("invalid email address in configuration");
        } catch (AuthenticationFailedException e) {
            // Credentials can be fixed while the item waits; the text from the server is not repeated.
            return DeliveryResult.retry("email via " + transport.describe() + " failed: authentication rejected");
        } catch (MessagingException | RuntimeException e) {
            return DeliveryResult.retry("email via " + transport.describe() + " failed: " + e.getClass().getSimpleName()
                    + rootCause(e));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == e ? "" : " (" + c.getClass().getSimpleName() + ")";
    }
}
