package dev.vigil.local;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.time.Duration;

/** vigil.local.*: where the all-in-one keeps its files and how its in-process agent runs. */
@ConfigurationProperties("vigil.local")
public class LocalProperties {

    /** Everything under ./data next to where Vigil was started, so a first run needs no setting. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final Duration DEFAULT_AGENT_INTERVAL = Duration.ofSeconds(15);

    @NotNull
    private Path dataDir = DEFAULT_DATA_DIR;
    private boolean agentEnabled = true;
    @NotNull
    private Duration agentInterval = DEFAULT_AGENT_INTERVAL;
    @Nullable
    private String hostName;

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public boolean isAgentEnabled() {
        return agentEnabled;
    }

    public void setAgentEnabled(boolean agentEnabled) {
        this.agentEnabled = agentEnabled;
    }

    public Duration getAgentInterval() {
        return agentInterval;
    }

    public void setAgentInterval(Duration agentInterval) {
        this.agentInterval = agentInterval;
    }

    /** This machine's name as a Vigil host; defaults to the system host name. */
    @Nullable
    public String getHostName() {
        return hostName;
    }

    public void setHostName(@Nullable String hostName) {
        this.hostName = hostName;
    }
}
