package dev.vigil.core.silence;

import dev.vigil.core.db.Sql;

import dev.vigil.core.alert.AlertStore;
import dev.vigil.core.sample.Labels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code silences} on the connection of the caller's transaction (evaluation's, the API's). */
public final class SilenceStore {

    static final String SELECT = "SELECT id, matchers, starts_at, ends_at, cron, duration_ms, comment, "
            + "created_by, created_at, expired_at FROM silences";
    private static final String ACTIVE = SELECT + " WHERE expired_at IS NULL AND starts_at <= ? AND ends_at > ?";

    private final Connection connection;
    private int statements;

    public SilenceStore(Connection connection) {
        this.connection = connection;
    }

    public int statements() {
        return statements;
    }

    /** The silences in force at {@code now}, recurring windows included only while one of their windows is open. */
    public List<Silence> active(long now) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(ACTIVE)) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs).stream().filter(s -> SilenceMatcher.isActive(s, now)).toList();
            }
        }
    }

    /** Reads rows selected with {@link #SELECT}. */
    static List<Silence> read(ResultSet rs) throws SQLException {
        List<Silence> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new Silence(rs.getLong(1), Labels.fromJson(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                    rs.getString(5), Sql.nullableLong(rs, 6), rs.getString(7), rs.getString(8), rs.getLong(9),
                    Sql.nullableLong(rs, 10)));
        }
        return out;
    }
}
