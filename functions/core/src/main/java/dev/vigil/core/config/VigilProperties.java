package dev.vigil.core.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Top-level settings shared by every function. {@code vigil.admin-token} (env VIGIL_ADMIN_TOKEN)
 * guards the admin API; it is compared in constant time and never logged.
 */
@ConfigurationProperties("vigil")
public class VigilProperties {

    /** A host is reported down when nothing arrived from it for this long (the HostDown default). */
    public static final Duration DEFAULT_HOST_DOWN_AFTER = Duration.ofMinutes(1);

    @Nullable
    private String adminToken;
    @NotNull
    private Duration hostDownAfter = DEFAULT_HOST_DOWN_AFTER;

    @Nullable
    public String getAdminToken() {
        return adminToken;
    }

    public void setAdminToken(@Nullable String adminToken) {
        this.adminToken = adminToken;
    }

    public Duration getHostDownAfter() {
        return hostDownAfter;
    }

    public void setHostDownAfter(Duration hostDownAfter) {
        this.hostDownAfter = hostDownAfter;
    }
}
