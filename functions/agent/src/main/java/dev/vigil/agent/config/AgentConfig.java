package dev.vigil.agent.config;

import dev.vigil.agent.check.CheckDefinition;
import dev.vigil.agent.cleanup.CleanupPolicy;
import dev.vigil.agent.logs.LogWatch;
import dev.vigil.agent.dirs.LargestDirsSettings;
import dev.vigil.agent.mysql.MysqlSettings;
import dev.vigil.agent.spool.SpoolSettings;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the agent needs to run. Build one from YAML with {@link AgentConfigLoader} or in code with
 * {@link #builder(URI, String, String)} (functions/local runs the agent in-process that way).
 *
 * @param mysql null when no database is watched
 * @param largestDirs null when largest-directories scans are off
 */
public record AgentConfig(URI url, String host, String token, Duration interval,
                          NameFilter mounts, NameFilter ifaces, SpoolSettings spool,
                          MysqlSettings mysql, List<CheckDefinition> checks, List<CleanupPolicy> cleanup,
                          List<LogWatch> logs, LargestDirsSettings largestDirs) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    /** Loopback counters say nothing about the host's network health. */
    public static final NameFilter DEFAULT_IFACES = NameFilter.excluding("lo");

    public AgentConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        token = token == null ? "" : token;
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        mounts = mounts == null ? NameFilter.all() : mounts;
        ifaces = ifaces == null ? DEFAULT_IFACES : ifaces;
        spool = spool == null ? SpoolSettings.defaults() : spool;
        checks = checks == null ? List.of() : List.copyOf(checks);
        cleanup = cleanup == null ? List.of() : List.copyOf(cleanup);
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** The ingest endpoint batches are posted to. */
    public URI samplesEndpoint() {
        return endpoint("/api/v1/samples");
    }

    /** The ingest endpoint log watch posts its matching lines to. */
    public URI logLinesEndpoint() {
        return endpoint("/api/v1/log-lines");
    }

    private URI endpoint(String path) {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    public static Builder builder(URI url, String host, String token) {
        return new Builder(url, host, token);
    }

    public static final class Builder {
        private final URI url;
        private final String host;
        private final String token;
        private Duration interval = DEFAULT_INTERVAL;
        private NameFilter mounts = NameFilter.all();
        private NameFilter ifaces = DEFAULT_IFACES;
        private SpoolSettings spool = SpoolSettings.defaults();
        private MysqlSettings mysql;
        private final List<CheckDefinition> checks = new ArrayList<>();
        private final List<CleanupPolicy> cleanup = new ArrayList<>();
        private final List<LogWatch> logs = new ArrayList<>();
        private LargestDirsSettings largestDirs;

        private Builder(URI url, String host, String token) {
            this.url = url;
            this.host = host;
            this.token = token;
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder mounts(NameFilter mounts) {
            this.mounts = mounts;
            return this;
        }

        public Builder ifaces(NameFilter ifaces) {
            this.ifaces = ifaces;
            return this;
        }

        public Builder spool(SpoolSettings spool) {
            this.spool = spool;
            return this;
        }

        public Builder mysql(MysqlSettings mysql) {
            this.mysql = mysql;
            return this;
        }

        public Builder check(CheckDefinition check) {
            this.checks.add(check);
            return this;
        }

        public Builder cleanup(CleanupPolicy policy) {
            String refusal = CleanupPolicy.refusalOf(policy.root());
            if (refusal != null) {
                throw new ConfigException("cleanup." + policy.name() + ".root", refusal);
            }
            this.cleanup.add(policy);
            return this;
        }

        public Builder log(LogWatch watch) {
            this.logs.add(watch);
            return this;
        }

        public Builder largestDirs(LargestDirsSettings largestDirs) {
            this.largestDirs = largestDirs;
            return this;
        }

        public AgentConfig build() {
            return new AgentConfig(url, host, token, interval, mounts, ifaces, spool, mysql, checks, cleanup, logs, largestDirs);
        }
    }
}
