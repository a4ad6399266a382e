package dev.vigil.notify.email;

import dev.vigil.notify.model.Notification;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.notifier.Notifier;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.time.Clock;
import java.util.List;

/** Multipart HTML + text email to fixed recipients, through an {@link EmailTransport}. */
public final class EmailNotifier implements Notifier {

    static {
        StreamProviderPin.pin();
    }

    private final List<String> to;
    private final List<String> cc;
    private final String from;
    private final EmailTransport transport;
    private final EmailRenderer renderer = new EmailRenderer();
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
            MimeMessage message = compose(transport.session(), from, to, cc, rendered, clock.millis());
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

    @Override
    public void prepare() {
        transport.prepare();
    }

    /** multipart/alternative: plain text first, HTML last (mail clients show the last part they can render). */
    public static MimeMessage compose(Session session, String from, List<String> to, List<String> cc, EmailRenderer.RenderedEmail rendered,
                                      long now) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from, true));
        message.setRecipients(Message.RecipientType.TO, addresses(to));
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, addresses(cc));
        }
        message.setSubject(rendered.subject(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(rendered.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.setSentDate(new java.util.Date(now));
        return message;
    }

    private static InternetAddress[] addresses(List<String> list) throws AddressException {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < list.size(); i++) {
            out[i] = new InternetAddress(list.get(i), true);
        }
        return out;
    }

    private static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == e ? "" : " (" + c.getClass().getSimpleName() + ")";
    }
}
