package dev.vigil.agent;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.config.AgentConfigLoader;
import dev.vigil.agent.config.ConfigException;
import dev.vigil.agent.probe.HostSampleCollector;
import dev.vigil.agent.probe.OshiHostProbe;
import dev.vigil.agent.sample.SampleBatch;
import dev.vigil.agent.sample.SampleBatchJson;
import dev.vigil.agent.sample.SampleSource;
import dev.vigil.agent.send.HttpBatchSender;
import dev.vigil.agent.send.SendResult;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar vigil-agent.jar --config agent.yml [--once] [--dry-run]}.
 * Exit codes: 0 fine, 1 the --once batch was not accepted, 2 bad command line or configuration.
 */
public final class AgentMain {

    static final int EXIT_OK = 0;
    static final int EXIT_SEND_FAILED = 1;
    static final int EXIT_BAD_CONFIG = 2;
    private static final String USAGE = "usage: vigil-agent --config agent.yml [--once] [--dry-run]";

    private AgentMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s - %5$s%6$s%n");
        }
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
        int code = run(args, System.out, System.err, System.getenv(), true);
        if (code != EXIT_OK || !Boolean.getBoolean("vigil.agent.keepalive")) {
            System.exit(code);
        }
    }

    /** Everything main does, minus System.exit; {@code daemon=false} returns instead of running until stopped. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean daemon) {
        Path configFile = null;
        boolean once = false;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        err.println("vigil-agent: --config needs a file\n" + USAGE);
                        return EXIT_BAD_CONFIG;
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--once" -> once = true;
                case "--dry-run" -> dryRun = true;
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return EXIT_OK;
                }
                default -> {
                    err.println("vigil-agent: unknown argument '" + args[i] + "'\n" + USAGE);
                    return EXIT_BAD_CONFIG;
                }
            }
        }
        if (configFile == null) {
            err.println("vigil-agent: --config is required\n" + USAGE);
            return EXIT_BAD_CONFIG;
        }
        AgentConfig config;
        try {
            config = new AgentConfigLoader(env).load(configFile);
        } catch (ConfigException e) {
            err.println("vigil-agent: bad configuration in " + configFile + ": " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        if (once || dryRun) {
            return collectOnce(config, out, err, !dryRun);
        }
        if (!daemon) {
            return EXIT_OK;
        }
        runUntilStopped(config);
        return EXIT_OK;
    }

    private static void runUntilStopped(AgentConfig config) {
        Agent agent;
        try {
            agent = Agent.start(config);
        } catch (RuntimeException e) {
            System.err.println("vigil-agent: cannot start: " + e.getMessage());
            System.exit(EXIT_SEND_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
            ShutdownSafeLogManager.finish();
        }, "vigil-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One batch, printed; sent too unless it is a dry run. Rates need two readings, taken a second apart. */
    static int collectOnce(AgentConfig config, PrintStream out, PrintStream err, boolean send) {
        SampleBatch batch;
        try (OshiHostProbe probe = new OshiHostProbe(); AgentParts parts = AgentParts.create(config, Clock.systemUTC(), false)) {
            HostSampleCollector host = new HostSampleCollector(probe, config.mounts(), config.ifaces());
            host.baseline();
            Thread.sleep(1_000);
            List<SampleSource> sources = new ArrayList<>();
            sources.add(host);
            sources.addAll(parts.sources());
            batch = new BatchCollector(config.host(), sources, Clock.systemUTC()).collect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_SEND_FAILED;
        }
        String json = SampleBatchJson.write(batch);
        out.println(json);
        out.flush();
        if (!send) {
            return EXIT_OK;
        }
        SendResult result = new HttpBatchSender(config.samplesEndpoint(), config.token()).send(json.getBytes(StandardCharsets.UTF_8));
        if (result instanceof SendResult.Delivered delivered) {
            err.println("vigil-agent: sent " + batch.samples().size() + " samples, HTTP " + delivered.status() + " " + delivered.body());
            return delivered.status() == 202 ? EXIT_OK : EXIT_SEND_FAILED;
        }
        if (result instanceof SendResult.Rejected rejected) {
            err.println("vigil-agent: ingest rejected the batch with HTTP " + rejected.status() + ": " + rejected.error());
        } else if (result instanceof SendResult.Retryable retry) {
            err.println("vigil-agent: ingest did not take the batch: " + retry.reason());
        }
        return EXIT_SEND_FAILED;
    }
}
