package dev.vigil.ingest.auth;

import dev.vigil.core.host.Host;
import dev.vigil.core.token.TokenRole;
import io.micronaut.core.annotation.Nullable;

/**
 * Who presented a valid token: a named API token with its role (the configured admin token is the one
 * named {@code admin}), or a host with its own token ({@code role} null, {@code host} set).
 */
public record ApiCaller(String name, @Nullable TokenRole role, @Nullable Host host) {

    static ApiCaller ofRole(String name, TokenRole role) {
        return new ApiCaller(name, role, null);
    }

    static ApiCaller ofHost(Host host) {
        return new ApiCaller(host.name(), null, host);
    }

    public boolean is(TokenRole wanted) {
        return role == wanted;
    }
}
