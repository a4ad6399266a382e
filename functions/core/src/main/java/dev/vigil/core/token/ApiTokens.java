package dev.vigil.core.token;

import dev.vigil.core.host.HostTokens;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues, lists, revokes and resolves named API tokens. A secret is shown once, at creation; afterwards
 * only its hash exists. Deletion takes effect on the next request here; the API (ApiAuth) may trust a token for
 * vigil.auth.cache-ttl after a deletion made by another process.
 */
@Singleton
public class ApiTokens {

    /** Same shape as a label value an operator would type: starts alphanumeric, at most 64 characters. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");
    /** Name of the configured admin token (vigil.admin-token), reserved so no row can shadow it. */
    public static final String CONFIGURED_ADMIN = "admin";
    /** last_used_at is written at most once a minute per token: a scraper posting every 15 s costs no extra write each time. */
    static final long TOUCH_INTERVAL_MS = 60_000;

    private final ApiTokenRepository tokens;
    private final Clock clock;

    public ApiTokens(ApiTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new token and its secret in clear, returned once. */
    public record Issued(ApiToken token, String secret) {
    }

    /** @return empty when a token of that name exists (or the name is the configured admin's) */
    public Optional<Issued> create(String name, TokenRole role) {
        if (CONFIGURED_ADMIN.equals(name) || tokens.findByName(name).isPresent()) {
            return Optional.empty();
        }
        String secret = HostTokens.newToken();
        try {
            ApiToken saved = tokens.save(new ApiToken(null, name, role.wireName(), HostTokens.hash(secret), clock.millis(), null));
            return Optional.of(new Issued(saved, secret));
        } catch (DataAccessException e) {
            if (tokens.findByName(name).isPresent()) {
                return Optional.empty(); // a concurrent creation of the same name won
            }
            throw e;
        }
    }

    public List<ApiToken> list() {
        return tokens.findAllOrderByName();
    }

    /** @return false when no token has that name */
    public boolean delete(String name) {
        return tokens.deleteByName(name) > 0;
    }

    /** The token whose secret this is; records when it was last used. */
    public Optional<ApiToken> authenticate(String secret) {
        Optional<ApiToken> token = tokens.findByTokenHash(HostTokens.hash(secret));
        token.ifPresent(t -> {
            long now = clock.millis();
            if (t.lastUsedAt() == null || now - t.lastUsedAt() >= TOUCH_INTERVAL_MS) {
                tokens.touch(t.id(), now);
            }
        });
        return token;
    }
}
