package dev.vigil.local;

import dev.vigil.agent.Agent;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.spool.SpoolSettings;
import dev.vigil.common.SampleConstraints;
import dev.vigil.core.host.HostRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the agent in-process for this machine as its own host, with that host's token kept in
 * data/agent-token. Never revokes a token: a host of the same name registered by another local app
 * on the same database (or by an earlier data directory) keeps working, and this app then runs
 * without its agent and says what to do. Closing flushes what the agent has spooled.
 */
@Singleton
@Requires(env = LocalApplication.ENVIRONMENT)
public class LocalAgent implements AutoCloseable {

    static final String TOKEN_FILE = "agent-token";
    private static final Logger LOG = LoggerFactory.getLogger(LocalAgent.class);

    /** What the in-process agent does in this run, for the start banner. */
    public enum Status { DISABLED, RUNNING, HOST_TAKEN }

    private final LocalProperties local;
    private final HostRegistry hosts;
    private Agent agent;
    private String hostName;
    private Status status = Status.DISABLED;

    public LocalAgent(LocalProperties local, HostRegistry hosts) {
        this.local = local;
        this.hosts = hosts;
    }

    public synchronized void start(EmbeddedServer server) {
        hostName = local.getHostName() != null ? local.getHostName() : systemHostName();
        if (!local.isAgentEnabled()) {
            status = Status.DISABLED;
            return;
        }
        Optional<String> token = tokenOfThisHost(hostName);
        if (token.isEmpty()) {
            status = Status.HOST_TAKEN;
            LOG.warn("Host '{}' is already registered and {} does not hold its token: another Vigil on this database"
                            + " (or an earlier data directory) owns it, so the in-process agent is not started and that"
                            + " host's token stays valid. To sample this machine here, set VIGIL_LOCAL_HOST_NAME to another"
                            + " name, or revoke the old token (DELETE /api/v1/hosts/{}) and restart.",
                    hostName, tokenFile().toAbsolutePath().normalize(), hostName);
            return;
        }
        URI url = URI.create("http://127.0.0.1:" + server.getPort());
        AgentConfig config = AgentConfig.builder(url, hostName, token.get())
                .interval(local.getAgentInterval())
                .spool(new SpoolSettings(local.getDataDir().resolve("agent-spool"), SpoolSettings.DEFAULT_MAX_BYTES))
                .build();
        agent = Agent.start(config);
        status = Status.RUNNING;
    }

    public String hostName() {
        return hostName;
    }

    public Status status() {
        return status;
    }

    public Optional<Agent> agent() {
        return Optional.ofNullable(agent);
    }

    Path tokenFile() {
        return local.getDataDir().resolve(TOKEN_FILE);
    }

    /**
     * The token on disk while it still authenticates as this host; else a new one when the name is free or its
     * host was revoked; else empty (an active host of that name belongs to someone else, or a twin started at the
     * same moment registered it first).
     */
    private Optional<String> tokenOfThisHost(String name) {
        Optional<String> saved = savedTokenOf(name);
        if (saved.isPresent()) {
            return saved;
        }
        Optional<HostRegistry.Registration> registered = hosts.register(name);
        if (registered.isPresent()) {
            SecretFiles.write(tokenFile(), registered.get().token());
            return Optional.of(registered.get().token());
        }
        return Optional.empty();
    }

    private Optional<String> savedTokenOf(String name) {
        return SecretFiles.read(tokenFile())
                .filter(token -> hosts.authenticate(token).filter(h -> h.name().equals(name)).isPresent());
    }

    static String systemHostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        return SampleConstraints.checkHostName(cleaned).isEmpty() ? cleaned : "localhost";
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }

}
