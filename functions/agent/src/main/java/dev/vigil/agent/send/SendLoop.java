package dev.vigil.agent.send;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender thread: drains the spool whenever a batch arrives, and while ingest is away waits out the
 * backoff before trying again. Collection never waits for sending.
 */
public final class SendLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SendLoop.class);

    private final SpoolDrainer drainer;
    private final Sleeper sleeper;
    private final Object signal = new Object();
    private final Thread thread;
    private boolean pending = true; // whatever a previous run left in the spool
    private volatile boolean stopped;

    public SendLoop(SpoolDrainer drainer, Sleeper sleeper) {
        this.drainer = drainer;
        this.sleeper = sleeper;
        this.thread = new Thread(this::run, "vigil-sender");
        this.thread.setDaemon(true);
    }

    public SendLoop start() {
        thread.start();
        return this;
    }

    /** A new batch is in the spool. */
    public void nudge() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    private void run() {
        try {
            while (!stopped) {
                synchronized (signal) {
                    while (!pending && !stopped) {
                        signal.wait();
                    }
                    pending = false;
                }
                if (stopped) {
                    return;
                }
                SpoolDrainer.Outcome outcome = drainer.drain(null);
                if (outcome.retryIn() != null) {
                    sleeper.sleep(outcome.retryIn());
                    nudge();
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts a backoff wait; the spool keeps what is unsent
        } catch (RuntimeException e) {
            LOG.error("Sender stopped unexpectedly", e);
        }
    }

    /** Stops the thread without touching the spool; the caller makes the final delivery attempt. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
