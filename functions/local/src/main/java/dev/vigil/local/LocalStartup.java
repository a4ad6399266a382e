package dev.vigil.local;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.core.config.VigilProperties;
import java.nio.file.Path;

/** Once the server listens: register this machine, start its agent, and say where everything is. */
@Singleton
@Requires(env = LocalApplication.ENVIRONMENT)
public class LocalStartup implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStartup.class);

    private final LocalAgent agent;
    private final LocalAdminToken adminToken;
    private final LocalProperties local;
    private final String jdbcUrl;
    private final String smtpHost;
    private final String smtpPort;
    private final String outboxDir;

    public LocalStartup(LocalAgent agent, LocalAdminToken adminToken, LocalProperties local,
                        @Value("${datasources.default.url}") String jdbcUrl,
                        @Value("${javamail.properties.mail.smtp.host:}") String smtpHost,
                        @Value("${javamail.properties.mail.smtp.port:25}") String smtpPort,
                        @Value("${vigil.notify.email.outbox-dir:}") String outboxDir,
                        VigilProperties createsAdminToken) {
        this.agent = agent;
        this.adminToken = adminToken;
        this.local = local;
        this.jdbcUrl = jdbcUrl;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.outboxDir = outboxDir;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        agent.start(event.getSource());
        LOG.info(banner(event.getSource().getPort()));
    }

    /** What the app prints once it listens: where everything is. */
    String banner(int port) {
        String url = "http://localhost:" + port;
        Path data = local.getDataDir().toAbsolutePath().normalize();
        boolean fromEnv = System.getenv("VIGIL_ADMIN_TOKEN") != null && !System.getenv("VIGIL_ADMIN_TOKEN").isBlank();
        String tokenWhere = fromEnv ? "from VIGIL_ADMIN_TOKEN" : adminToken.file().toAbsolutePath().normalize().toString();
        String tokenInCurl = fromEnv ? "$VIGIL_ADMIN_TOKEN" : "$(cat " + adminToken.file() + ")";
        String database = jdbcUrl.startsWith("jdbc:h2:")
                ? "embedded H2 under " + data + " (set VIGIL_JDBC_URL to use MySQL)"
                : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
        return """

                Vigil is running at %s
                  console:     %s/ (sign in with the admin token)
                  health:      %s/health
                  admin token: %s
                               curl -H "Authorization: Bearer %s" %s/api/v1/hosts
                  database:    %s
                  emails:      %s
                  this host:   '%s'%s
                Stop with Ctrl-C.""".formatted(
                url, url, url, tokenWhere, tokenInCurl, url, database, emails(data), agent.hostName(), agentLine());
    }

    /** Where emails go: the same choice notify's email transport makes (an SMTP host set, else .eml files). */
    private String emails(Path data) {
        if (smtpHost != null && !smtpHost.isBlank()) {
            return "SMTP server " + smtpHost + ":" + smtpPort;
        }
        Path outbox = outboxDir == null || outboxDir.isBlank() ? data.resolve("outbox") : Path.of(outboxDir);
        return outbox.toAbsolutePath().normalize() + " as .eml files (set VIGIL_SMTP_HOST to send by SMTP)";
    }

    private String agentLine() {
        return switch (agent.status()) {
            case RUNNING -> ", sampled every " + local.getAgentInterval().toSeconds() + " s by the in-process agent";
            case DISABLED -> " (in-process agent disabled)";
            case HOST_TAKEN -> " is registered by another Vigil: in-process agent not started (see the warning above)";
        };
    }
}
