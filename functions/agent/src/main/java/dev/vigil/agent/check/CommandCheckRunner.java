package dev.vigil.agent.check;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs one check command through /bin/sh -c, bounded by its timeout; a timeout counts as a failure. */
public final class CommandCheckRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandCheckRunner.class);
    /** A number fits in far less; the cap keeps a chatty command from costing memory. */
    private static final int MAX_OUTPUT_BYTES = 4096;

    public CheckOutcome run(CheckDefinition check) {
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", check.command())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            LOG.warn("Check {} cannot start: {}", check.name(), e.getMessage());
            return new CheckOutcome(false, null);
        }
        // read stdout while the command runs, or a full pipe would block it until the timeout
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readCapped(process.getInputStream()),
                runnable -> {
                    Thread t = new Thread(runnable, "vigil-check-output");
                    t.setDaemon(true);
                    t.start();
                });
        try {
            if (!process.waitFor(check.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                LOG.warn("Check {} timed out after {} ms", check.name(), check.timeout().toMillis());
                return new CheckOutcome(false, null);
            }
            String text = stdout.get(1, TimeUnit.SECONDS).trim();
            return new CheckOutcome(process.exitValue() == 0, number(text));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new CheckOutcome(false, null);
        } catch (Exception e) {
            // output still open (a background child kept the pipe): the exit code still counts
            return new CheckOutcome(process.exitValue() == 0, null);
        }
    }

    private static String readCapped(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static Double number(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
