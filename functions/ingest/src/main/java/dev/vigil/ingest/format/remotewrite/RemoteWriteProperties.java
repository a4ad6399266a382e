package dev.vigil.ingest.format.remotewrite;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** {@code vigil.ingest.remote-write.*}: how a remote-write series names its host. */
@ConfigurationProperties("vigil.ingest.remote-write")
public class RemoteWriteProperties {

    /** Prometheus sets {@code instance} to the scrape target's host:port on every series it scrapes. */
    public static final String DEFAULT_HOST_LABEL = "instance";

    @NotBlank
    @Pattern(regexp = "[a-zA-Z_][a-zA-Z0-9_]*", message = "must be a Prometheus label name")
    private String hostLabel = DEFAULT_HOST_LABEL;

    public String getHostLabel() {
        return hostLabel;
    }

    public void setHostLabel(String hostLabel) {
        this.hostLabel = hostLabel;
    }
}
