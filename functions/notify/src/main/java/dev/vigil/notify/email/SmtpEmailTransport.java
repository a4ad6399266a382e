package dev.vigil.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Sends through the SMTP server named by the micronaut-email-javamail properties. Connections are
 * reused across the messages of a delivery pass (connect + EHLO + AUTH + QUIT per message cost
 * ~80 ms against a local server, the message itself ~4 ms) and closed by {@link #closeIdle()}
 * when the pass ends. Each connection serves one sender at a time.
 */
public final class SmtpEmailTransport implements EmailTransport {

    /** An idle connection older than this is closed rather than trusted: servers drop idle clients. */
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** One per concurrent delivery worker is plenty; more would only hold server slots. */
    static final int MAX_IDLE_CONNECTIONS = 4;

    private record Idle(Transport transport, long since) {
    }

    private final Session session;
    private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();

    public SmtpEmailTransport(Session session) {
        this.session = session;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        Transport reused = takeIdle();
        Transport transport = reused != null ? reused : connect();
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (SendFailedException e) {
            // The server refused this message (bad recipient, 4xx/5xx): resending it elsewhere would not help.
            closeQuietly(transport);
            throw e;
        } catch (MessagingException e) {
            closeQuietly(transport);
            if (reused == null) {
                throw e;
            }
            // A reused connection may have been dropped by the server between messages: one fresh try.
            transport = connect();
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException again) {
                closeQuietly(transport);
                throw again;
            }
        }
        release(transport);
    }

    /**
     * Connects ahead of the first message of a pass (the connect, EHLO and AUTH cost about as much as a claim's
     * commit, so the two overlap) unless a connection is already idle. A failure is left for {@link #send} to
     * meet and report.
     */
    @Override
    public void prepare() {
        if (!idle.isEmpty()) {
            return;
        }
        try {
            release(connect());
        } catch (MessagingException | RuntimeException e) {
            // send() connects again and turns the failure into a retry with its reason.
        }
    }

    /** Closes the connections nobody is using; the next message opens a new one. */
    @Override
    public void closeIdle() {
        for (Idle i = idle.pollFirst(); i != null; i = idle.pollFirst()) {
            closeQuietly(i.transport());
        }
    }

    @Override
    public String describe() {
        return "SMTP " + session.getProperty("mail.smtp.host") + ":" + session.getProperty("mail.smtp.port");
    }

    private Transport connect() throws MessagingException {
        Transport t = session.getTransport("smtp");
        t.connect();
        return t;
    }

    private Transport takeIdle() {
        for (Idle i = idle.pollFirst(); i != null; i = idle.pollFirst()) {
            // No NOOP probe per message: a dropped connection costs one reconnect in send().
            if (System.nanoTime() - i.since() <= MAX_IDLE_NANOS) {
                return i.transport();
            }
            closeQuietly(i.transport());
        }
        return null;
    }

    private void release(Transport t) {
        if (idle.size() < MAX_IDLE_CONNECTIONS) {
            idle.offerFirst(new Idle(t, System.nanoTime()));
        } else {
            closeQuietly(t);
        }
    }

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException ignored) {
            // Closing a broken connection may fail; it is gone either way.
        }
    }
}
