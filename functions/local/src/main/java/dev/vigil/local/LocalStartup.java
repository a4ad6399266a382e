package dev.vigil.local;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.context.annotation.Requires;
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

    public LocalStartup(LocalAgent agent, LocalAdminToken adminToken, LocalProperties local,
                        @io.micronaut.context.annotation.Value("${datasources.default.url}") String jdbcUrl,
                        VigilProperties createsAdminToken) {
        this.agent = agent;
        this.adminToken = adminToken;
        this.local = local;
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        agent.start(event.getSource());
        String url = "http://localhost:" + event.getSource().getPort();
        Path data = local.getDataDir().toAbsolutePath().normalize();
        boolean fromEnv = System.getenv("VIGIL_ADMIN_TOKEN") != null && !System.getenv("VIGIL_ADMIN_TOKEN").isBlank();
        String tokenWhere = fromEnv ? "from VIGIL_ADMIN_TOKEN" : adminToken.file().toAbsolutePath().normalize().toString();
        String tokenInCurl = fromEnv ? "$VIGIL_ADMIN_TOKEN" : "$(cat " + adminToken.file() + ")";
        String database = jdbcUrl.startsWith("jdbc:h2:")
                ? "embedded H2 under " + data + " (set VIGIL_JDBC_URL to use MySQL)"
                : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
        LOG.info("""

                Vigil is running at {}
                  health:      {}/health
                  admin token: {}
                               curl -H "Authorization: Bearer {}" {}/api/v1/hosts
                  database:    {}
                  emails:      {} (when no SMTP server is configured)
                  this host:   '{}'{}
                Stop with Ctrl-C.""",
                url, url, tokenWhere, tokenInCurl, url, database, data.resolve("outbox"),
                agent.hostName(), local.isAgentEnabled()
                        ? ", sampled every " + local.getAgentInterval().toSeconds() + " s by the in-process agent"
                        : " (agent disabled)");
    }
}
