package dev.vigil.core.rules;

import dev.vigil.core.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules created through the API, their versions, and the per-host threshold overrides, in the database
 * so every function and every Lambda instance sees a change at its next cycle. Every write bumps the one
 * revision row first, which both serialises writers and tells readers cheaply that something moved.
 * A rule body is stored as the YAML text of its fields (the shape of a rules file entry).
 */
@Singleton
public class StoredRules {

    private final TransactionOperations<Connection> transactions;

    public StoredRules(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** An API rule as stored now. */
    public record StoredRule(String name, int version, String body, long updatedAt, String updatedBy) {
    }

    /** One version of an API rule; {@code body} is null for a deletion. */
    public record RuleVersion(String name, int version, String action, @Nullable String body, long changedAt,
                              String changedBy) {
    }

    /** A host's own levels for one rule; null fields keep the rule's. */
    public record HostOverride(String host, String rule, @Nullable Double warning, @Nullable Double critical,
                               @Nullable Long forMillis, @Nullable Boolean disabled, long updatedAt, String updatedBy) {
    }

    /** Everything stored, read in one transaction, with the revision it belongs to. */
    public record Snapshot(long revision, List<StoredRule> rules, List<HostOverride> overrides) {
        public static final Snapshot EMPTY = new Snapshot(-1, List.of(), List.of());
    }

    /** The revision counter: one primary-key read, done before every cycle. */
    public long revision() {
        return transactions.executeRead(status ->
                Sql.call("could not read the rules revision", () -> revision(status.getConnection())));
    }

    public Snapshot snapshot() {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            return Sql.call("could not read the stored rules", () -> {
                long revision = revision(c);
                List<StoredRule> rules = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT name, version, body, updated_at, updated_by FROM api_rules ORDER BY name");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rules.add(new StoredRule(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                    }
                }
                return new Snapshot(revision, rules, overrides(c, null));
            });
        });
    }

    public Optional<StoredRule> find(String name) {
        return snapshot().rules().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** What {@link #put} wrote, and the rule it replaced (read in the same transaction), if any. */
    public record Written(int version, String action, @Nullable StoredRule before) {
    }

    /**
     * Creates or replaces an API rule, keeping the previous version in its history.
     *
     * @param action what the history calls this version (rollback), or null for create or update as it turns out
     */
    public Written put(String name, String body, @Nullable String action, String by, long now) {
        return write(c -> {
            StoredRule before = current(c, name).orElse(null);
            String what = action != null ? action : before == null ? "create" : "update";
            int version = lastVersion(c, name) + 1;
            appendVersion(c, name, version, what, body, now, by);
            int updated;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_rules SET version = ?, body = ?, updated_at = ?, updated_by = ? WHERE name = ?")) {
                ps.setInt(1, version);
                ps.setString(2, body);
                ps.setLong(3, now);
                ps.setString(4, by);
                ps.setString(5, name);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO api_rules (name, version, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, name);
                    ps.setInt(2, version);
                    ps.setString(3, body);
                    ps.setLong(4, now);
                    ps.setString(5, by);
                    ps.executeUpdate();
                }
            }
            return new Written(version, what, before);
        });
    }

    /** Deletes an API rule (its history stays, ending in a deletion); empty when there was none. */
    public Optional<StoredRule> delete(String name, String by, long now) {
        return write(c -> {
            Optional<StoredRule> before = current(c, name);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            appendVersion(c, name, lastVersion(c, name) + 1, "delete", null, now, by);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_rules WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            return before;
        });
    }

    /** Every version of a rule name, newest first. */
    public List<RuleVersion> history(String name) {
        return transactions.executeRead(status -> Sql.call("could not read the history of rule " + name, () -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT name, version, action, body, "
                    + "changed_at, changed_by FROM api_rule_versions WHERE name = ? ORDER BY version DESC")) {
                ps.setString(1, name);
                List<RuleVersion> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RuleVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), rs.getString(6)));
                    }
                }
                return out;
            }
        }));
    }

    public List<HostOverride> overridesOfHost(String host) {
        return transactions.executeRead(status ->
                Sql.call("could not read the overrides of host " + host, () -> overrides(status.getConnection(), host)));
    }

    /** Sets a host's override of a rule; returns the one it replaced, if any. */
    public Optional<HostOverride> putOverride(HostOverride o) {
        return write(c -> {
            Optional<HostOverride> before = override(c, o.host(), o.rule());
            String sql = before.isPresent()
                    ? "UPDATE host_rule_overrides SET warning = ?, critical = ?, for_millis = ?, disabled = ?, updated_at = ?, "
                      + "updated_by = ? WHERE host = ? AND rule = ?"
                    : "INSERT INTO host_rule_overrides (warning, critical, for_millis, disabled, updated_at, updated_by, host, rule) "
                      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                setNullable(ps, 1, o.warning());
                setNullable(ps, 2, o.critical());
                if (o.forMillis() == null) {
                    ps.setNull(3, Types.BIGINT);
                } else {
                    ps.setLong(3, o.forMillis());
                }
                if (o.disabled() == null) {
                    ps.setNull(4, Types.BOOLEAN);
                } else {
                    ps.setBoolean(4, o.disabled());
                }
                ps.setLong(5, o.updatedAt());
                ps.setString(6, o.updatedBy());
                ps.setString(7, o.host());
                ps.setString(8, o.rule());
                ps.executeUpdate();
            }
            return before;
        });
    }

    /** Removes a host's override of a rule; empty when there was none. */
    public Optional<HostOverride> deleteOverride(String host, String rule) {
        return write(c -> {
            Optional<HostOverride> before = override(c, host, rule);
            if (before.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM host_rule_overrides WHERE host = ? AND rule = ?")) {
                    ps.setString(1, host);
                    ps.setString(2, rule);
                    ps.executeUpdate();
                }
            }
            return before;
        });
    }

    private interface Write<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs a change after bumping the revision: the row lock orders concurrent writers. */
    private <T> T write(Write<T> change) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            return Sql.call("could not change the stored rules", () -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE rules_revision SET revision = revision + 1 WHERE id = 1")) {
                    ps.executeUpdate();
                }
                return change.run(c);
            });
        });
    }

    private static long revision(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revision FROM rules_revision WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static int lastVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM api_rule_versions WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void appendVersion(Connection c, String name, int version, String action, @Nullable String body,
                                      long now, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_rule_versions "
                + "(name, version, action, body, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setInt(2, version);
            ps.setString(3, action);
            ps.setString(4, body);
            ps.setLong(5, now);
            ps.setString(6, by);
            ps.executeUpdate();
        }
    }

    private static Optional<StoredRule> current(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, version, body, updated_at, updated_by FROM api_rules WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StoredRule(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5)))
                        : Optional.empty();
            }
        }
    }

    private static Optional<HostOverride> override(Connection c, String host, String rule) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OVERRIDE_COLUMNS + " WHERE host = ? AND rule = ?")) {
            ps.setString(1, host);
            ps.setString(2, rule);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(override(rs)) : Optional.empty();
            }
        }
    }

    private static final String OVERRIDE_COLUMNS = "SELECT host, rule, warning, critical, for_millis, disabled, updated_at, "
            + "updated_by FROM host_rule_overrides";

    private static List<HostOverride> overrides(Connection c, @Nullable String host) throws SQLException {
        String sql = OVERRIDE_COLUMNS + (host == null ? "" : " WHERE host = ?") + " ORDER BY host, rule";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (host != null) {
                ps.setString(1, host);
            }
            List<HostOverride> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(override(rs));
                }
            }
            return out;
        }
    }

    private static HostOverride override(ResultSet rs) throws SQLException {
        double warning = rs.getDouble(3);
        Double w = rs.wasNull() ? null : warning;
        double critical = rs.getDouble(4);
        Double cr = rs.wasNull() ? null : critical;
        long forMillis = rs.getLong(5);
        Long f = rs.wasNull() ? null : forMillis;
        boolean disabled = rs.getBoolean(6);
        Boolean d = rs.wasNull() ? null : disabled;
        return new HostOverride(rs.getString(1), rs.getString(2), w, cr, f, d, rs.getLong(7), rs.getString(8));
    }

    private static void setNullable(PreparedStatement ps, int index, @Nullable Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }
}
