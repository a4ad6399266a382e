package dev.vigil.core.host;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registers hosts, issues and revokes their tokens, and resolves a presented token to its host. */
@Singleton
public class HostRegistry {

    private final HostRepository hosts;
    private final Clock clock;

    public HostRegistry(HostRepository hosts, Clock clock) {
        this.hosts = hosts;
        this.clock = clock;
    }

    /** A registered host and its token in clear, which is shown once and then only its hash exists. */
    public record Registration(Host host, String token) {
    }

    /** Registers a host without labels (a re-activated host keeps the labels it had). */
    public Optional<Registration> register(String name) {
        return register(name, null);
    }

    /**
     * Registers a new host, or re-activates a revoked one with a fresh token (its history stays).
     * Labels must have passed {@link HostLabels#check}; null keeps a re-activated host's old labels.
     *
     * @return empty when an active host of that name exists
     */
    public Optional<Registration> register(String name, @Nullable Map<String, String> labels) {
        String token = HostTokens.newToken();
        String hash = HostTokens.hash(token);
        Optional<Host> existing = hosts.findByName(name);
        if (existing.isPresent()) {
            Host host = existing.get();
            // conditional: of two callers re-activating at once, exactly one gets a working token
            if (host.active() || reactivate(host.id(), hash, labels) == 0) {
                return Optional.empty();
            }
            return Optional.of(new Registration(hosts.findById(host.id()).orElseThrow(), token));
        }
        try {
            Host saved = hosts.save(new Host(null, name, hash, clock.millis(), null, null,
                    labels == null ? null : HostLabels.toJson(labels)));
            return Optional.of(new Registration(saved, token));
        } catch (DataAccessException e) {
            if (hosts.findByName(name).isPresent()) {
                return Optional.empty(); // a concurrent registration of the same name won
            }
            throw e;
        }
    }

    private int reactivate(Integer id, String hash, @Nullable Map<String, String> labels) {
        return labels == null ? hosts.reactivate(id, hash) : hosts.reactivateWithLabels(id, hash, HostLabels.toJson(labels));
    }

    /**
     * Replaces the labels of an active host (validated by {@link HostLabels#check}).
     *
     * @return the host as stored, empty when no active host has that name
     */
    public Optional<Host> replaceLabels(String name, Map<String, String> labels) {
        return findActive(name)
                .filter(h -> hosts.updateLabels(h.id(), HostLabels.toJson(labels)) == 1)
                .flatMap(h -> hosts.findById(h.id()));
    }

    /** @return false when no active host has that name */
    public boolean revoke(String name) {
        return hosts.findByName(name).filter(Host::active)
                .map(h -> hosts.revoke(h.id(), clock.millis()) == 1)
                .orElse(false);
    }

    /**
     * The active host of that name, registered without a token of its own when seen for the first time
     * (a writer token or a remote write names it). Empty for a deleted host: deleting it is the operator's
     * word, so a scraper that still sends it does not bring it back.
     */
    public Optional<Host> findOrRegisterWithoutToken(String name) {
        Optional<Host> existing = hosts.findByName(name);
        if (existing.isPresent()) {
            return existing.filter(Host::active);
        }
        try {
            return Optional.of(hosts.save(new Host(null, name, null, clock.millis(), null, null, null)));
        } catch (DataAccessException e) {
            Optional<Host> raced = hosts.findByName(name); // a concurrent first write of the same host won
            if (raced.isPresent()) {
                return raced.filter(Host::active);
            }
            throw e;
        }
    }

    public Optional<Host> authenticate(String token) {
        return hosts.findByTokenHash(HostTokens.hash(token)).filter(Host::active);
    }

    public Optional<Host> findActive(String name) {
        return hosts.findByName(name).filter(Host::active);
    }

    /** The active host of that name, registered first if needed: for Vigil's own host, which writes without a token. */
    public Host findOrRegister(String name) {
        return findActive(name)
                .or(() -> register(name).map(Registration::host))
                .or(() -> findActive(name)) // registered concurrently by another writer
                .orElseThrow(() -> new IllegalStateException("could not register host " + name));
    }

    public List<Host> listActive() {
        return hosts.findByRevokedAtIsNullOrderByName();
    }
}
