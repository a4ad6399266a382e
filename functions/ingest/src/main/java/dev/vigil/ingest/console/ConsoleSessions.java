package dev.vigil.ingest.console;

import dev.vigil.core.db.Sql;
import dev.vigil.core.host.HostTokens;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Console sessions in the database, so any ingest instance (or Lambda invocation) can check them. The
 * browser holds a random 256-bit secret; only its SHA-256 is stored, next to the SHA-256 of the token that
 * signed in (never the token). The CSRF token is derived from the secret, so it needs no storage and a page
 * that cannot read the HttpOnly cookie cannot compute it.
 */
@Singleton
public class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CSRF_CONTEXT = "vigil-console-csrf:";

    private final ConnectionOperations<Connection> connections;
    private final ConsoleProperties properties;
    private final Clock clock;

    public ConsoleSessions(ConnectionOperations<Connection> connections, ConsoleProperties properties, Clock clock) {
        this.connections = connections;
        this.properties = properties;
        this.clock = clock;
    }

    /** A session just opened: the cookie value (shown to the browser only) and when it ends. */
    public record Opened(String secret, long expiresAt) {
    }

    /** A live session: the hash of the credential it was opened with, and when it ends. */
    public record Session(String credentialHash, long expiresAt) {
    }

    /** Opens a session for the credential whose hash this is; expired sessions are removed on the way. */
    public Opened open(String credentialHash) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        long expiresAt = now + properties.getSessionTtl().toMillis();
        connections.executeWrite(status -> {
            Connection c = status.getConnection();
            return Sql.call("could not open a console session", () -> {
                try (PreparedStatement expired = c.prepareStatement("DELETE FROM console_sessions WHERE expires_at <= ?");
                     PreparedStatement insert = c.prepareStatement(
                             "INSERT INTO console_sessions (session_hash, credential_hash, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                    expired.setLong(1, now);
                    expired.executeUpdate();
                    insert.setString(1, HostTokens.hash(secret));
                    insert.setString(2, credentialHash);
                    insert.setLong(3, now);
                    insert.setLong(4, expiresAt);
                    insert.executeUpdate();
                    return null;
                }
            });
        });
        return new Opened(secret, expiresAt);
    }

    /** The live session whose cookie this is; empty when unknown or expired. */
    public Optional<Session> find(String secret) {
        long now = clock.millis();
        return connections.executeRead(status -> {
            return Sql.call("could not read a console session", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "SELECT credential_hash, expires_at FROM console_sessions WHERE session_hash = ? AND expires_at > ?")) {
                    ps.setString(1, HostTokens.hash(secret));
                    ps.setLong(2, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new Session(rs.getString(1), rs.getLong(2))) : Optional.<Session>empty();
                    }
                }
            });
        });
    }

    /** Sign-out: the row is gone, so the cookie is worthless even if it was copied. */
    public void close(String secret) {
        connections.executeWrite(status -> {
            return Sql.call("could not close a console session", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "DELETE FROM console_sessions WHERE session_hash = ?")) {
                    ps.setString(1, HostTokens.hash(secret));
                    ps.executeUpdate();
                    return null;
                }
            });
        });
    }

    /** The CSRF token of the session whose cookie this is. */
    public static String csrfToken(String secret) {
        return HostTokens.hash(CSRF_CONTEXT + secret);
    }

    /** Constant-time check of a presented CSRF token. */
    public static boolean csrfMatches(String secret, String presented) {
        return presented != null && java.security.MessageDigest.isEqual(
                csrfToken(secret).getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
