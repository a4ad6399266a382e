package dev.vigil.local;

import dev.vigil.agent.Agent;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.spool.SpoolSettings;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.SampleConstraints;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers this machine as a host (its token kept in data/agent-token) and runs the agent
 * in-process against this server. Closing flushes what the agent has spooled.
 */
@Singleton
@Requires(env = LocalApplication.ENVIRONMENT)
public class LocalAgent implements AutoCloseable {

    static final String TOKEN_FILE = "agent-token";

    private final LocalProperties local;
    private final HostRegistry hosts;
    private Agent agent;
    private String hostName;

    public LocalAgent(LocalProperties local, HostRegistry hosts) {
        this.local = local;
        this.hosts = hosts;
    }

    public synchronized void start(EmbeddedServer server) {
        hostName = local.getHostName() != null ? local.getHostName() : systemHostName();
        String token = ensureRegistered(hostName);
        if (!local.isAgentEnabled()) {
            return;
        }
        URI url = URI.create("http://127.0.0.1:" + server.getPort());
        AgentConfig config = AgentConfig.builder(url, hostName, token)
                .interval(local.getAgentInterval())
                .spool(new SpoolSettings(local.getDataDir().resolve("agent-spool"), SpoolSettings.DEFAULT_MAX_BYTES))
                .build();
        agent = Agent.start(config);
    }

    public String hostName() {
        return hostName;
    }

    public Optional<Agent> agent() {
        return Optional.ofNullable(agent);
    }

    /** Reuses the token on disk while it still authenticates; otherwise issues a new one. */
    private String ensureRegistered(String name) {
        Path file = local.getDataDir().resolve(TOKEN_FILE);
        Optional<String> saved = SecretFiles.read(file)
                .filter(token -> hosts.authenticate(token).filter(h -> h.name().equals(name)).isPresent());
        if (saved.isPresent()) {
            return saved.get();
        }
        hosts.revoke(name);
        String token = hosts.register(name).orElseThrow().token();
        SecretFiles.write(file, token);
        return token;
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
