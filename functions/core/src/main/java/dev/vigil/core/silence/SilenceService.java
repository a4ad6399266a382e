package dev.vigil.core.silence;

import dev.vigil.core.db.Sql;

import dev.vigil.core.sample.Labels;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, lists and expires silences. Expired silences are kept (with expired_at) for the record;
 * the next evaluation recomputes every alert's silenced flag.
 */
@Singleton
public class SilenceService {

    /** A recurring window with no end date runs until this (9999-12-31). */
    public static final long FOREVER = 253_402_300_799_000L;

    private static final String SELECT = SilenceStore.SELECT;

    private final ConnectionOperations<Connection> connections;
    private final Clock clock;

    public SilenceService(ConnectionOperations<Connection> connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** A silence as requested; validated by {@link #create}. */
    public record Request(Map<String, String> matchers, @Nullable Long startsAt, @Nullable Long endsAt,
                          @Nullable String cron, @Nullable Long durationMs, @Nullable String comment,
                          @Nullable String createdBy) {
    }

    /** A request the API must refuse with 400, naming the offending field. */
    public static class InvalidSilenceException extends RuntimeException {
        private final String field;

        public InvalidSilenceException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public Silence create(Request r) {
        if (r.matchers() == null || r.matchers().isEmpty()) {
            throw new InvalidSilenceException("matchers", "at least one matcher is needed (a silence of everything is refused)");
        }
        long now = clock.millis();
        long startsAt = r.startsAt() != null ? r.startsAt() : now;
        long endsAt;
        if (r.cron() != null) {
            try {
                SilenceMatcher.cron(r.cron());
            } catch (RuntimeException e) {
                throw new InvalidSilenceException("cron", "not a cron expression: " + e.getMessage());
            }
            if (r.durationMs() == null || r.durationMs() <= 0) {
                throw new InvalidSilenceException("durationMs", "a recurring window needs a positive duration");
            }
            endsAt = r.endsAt() != null ? r.endsAt() : FOREVER;
        } else {
            if (r.endsAt() == null) {
                throw new InvalidSilenceException("endsAt", "missing");
            }
            endsAt = r.endsAt();
        }
        if (endsAt <= startsAt) {
            throw new InvalidSilenceException("endsAt", "must be after startsAt");
        }
        Silence s = new Silence(null, Labels.canonical(r.matchers()), startsAt, endsAt, r.cron(), r.durationMs(),
                r.comment(), r.createdBy(), now, null);
        long id = connections.executeWrite(status -> {
            return Sql.call("could not store the silence", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "INSERT INTO silences (matchers, starts_at, ends_at, cron, duration_ms, comment, created_by, created_at) "
                                + "VALUES (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, Labels.toJson(s.matchers()));
                    ps.setLong(2, s.startsAt());
                    ps.setLong(3, s.endsAt());
                    ps.setString(4, s.cron());
                    Sql.setLong(ps, 5, s.durationMs());
                    ps.setString(6, s.comment());
                    ps.setString(7, s.createdBy());
                    ps.setLong(8, s.createdAt());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        return keys.getLong(1);
                    }
                }
            });
        });
        return new Silence(id, s.matchers(), s.startsAt(), s.endsAt(), s.cron(), s.durationMs(), s.comment(),
                s.createdBy(), s.createdAt(), null);
    }

    /** Silences not yet expired or ended, newest first. */
    public List<Silence> listCurrent() {
        long now = clock.millis();
        return query(SELECT + " WHERE expired_at IS NULL AND ends_at > " + now + " ORDER BY id DESC");
    }

    public Optional<Silence> find(long id) {
        return query(SELECT + " WHERE id = " + id).stream().findFirst();
    }

    /** @return false when there is no such silence */
    public boolean expire(long id) {
        long now = clock.millis();
        Optional<Silence> existing = find(id);
        if (existing.isEmpty()) {
            return false;
        }
        connections.executeWrite(status -> {
            return Sql.call("could not expire the silence", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "UPDATE silences SET expired_at = ? WHERE id = ? AND expired_at IS NULL")) {
                    ps.setLong(1, now);
                    ps.setLong(2, id);
                    return ps.executeUpdate();
                }
            });
        });
        return true;
    }

    private List<Silence> query(String sql) {
        return connections.executeRead(status -> {
            return Sql.call("could not read silences", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    return SilenceStore.read(rs);
                }
            });
        });
    }
}
