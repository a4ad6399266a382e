package dev.vigil.ingest.audit;

import dev.vigil.core.db.Sql;
import dev.vigil.ingest.auth.ApiCaller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records every change made through the API and lists them, newest first. Callers pass the state before and
 * after as they would show it (records, maps); whatever they pass, a field whose name says it holds a secret
 * (token, secret, password, hash, url, webhook, authorization, key) is replaced by {@value #REDACTED} before
 * anything is stored, so a careless caller cannot put a credential in the trail.
 * <p>
 * The change itself is already done when it is recorded: a failure to record is logged (who, what, target)
 * and does not turn the caller's successful change into an error.
 */
@Singleton
public class AuditTrail {

    public static final String REDACTED = "[redacted]";
    /** Most entries one answer holds; older ones are reached with {@code since}/{@code who}/{@code what}. */
    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 100;
    /** Characters of before/after kept (TEXT holds 64 KiB, 4 bytes a character at worst). */
    static final int MAX_STATE_CHARS = 16_000;
    static final int MAX_WHO = 128;
    static final int MAX_WHAT = 64;
    static final int MAX_TARGET = 300;

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i).*(token|secret|password|passwd|hash|url|webhook|authorization|api_?key|credential).*");
    private static final String SELECT = "SELECT id, at, who, what, target, before_state, after_state FROM audit_events";

    private final ConnectionOperations<Connection> connections;
    private final JsonMapper json;
    private final Clock clock;

    public AuditTrail(ConnectionOperations<Connection> connections, JsonMapper json, Clock clock) {
        this.connections = connections;
        this.json = json;
        this.clock = clock;
    }

    /** A change by {@code who}: {@code what} is a dotted action ({@code host.delete}), {@code target} what it changed. */
    public void record(ApiCaller who, String what, String target, @Nullable Object before, @Nullable Object after) {
        record(who.name(), what, target, before, after);
    }

    /** As {@link #record(ApiCaller, String, String, Object, Object)} for changes not made by a token (e.g. a job). */
    public void record(String who, String what, String target, @Nullable Object before, @Nullable Object after) {
        try {
            String beforeJson = toJson(before);
            String afterJson = toJson(after);
            long at = clock.millis();
            connections.executeWrite(status -> {
                return Sql.call("could not record the change", () -> {
                    try (PreparedStatement ps = status.getConnection().prepareStatement(
                            "INSERT INTO audit_events (at, who, what, target, before_state, after_state) VALUES (?,?,?,?,?,?)")) {
                        ps.setLong(1, at);
                        ps.setString(2, cut(who, MAX_WHO));
                        ps.setString(3, cut(what, MAX_WHAT));
                        ps.setString(4, cut(target, MAX_TARGET));
                        setText(ps, 5, beforeJson);
                        setText(ps, 6, afterJson);
                        return ps.executeUpdate();
                    }
                });
            });
        } catch (RuntimeException e) {
            // logged, not thrown: the change is already done and must not turn into an error
            LOG.error("could not record {} of '{}' by '{}' in the audit trail: {}", what, target, who, e.getMessage());
        }
    }

    /** Filters of {@link #list}; null means any. {@code what} matches an action or, without a dot, a family ({@code host}). */
    public record Query(@Nullable Long since, @Nullable String who, @Nullable String what, int limit) {
    }

    /** Entries matching {@code q}, newest first, at most {@code q.limit()}. */
    public List<AuditEntry> list(Query q) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.since() != null) {
            sql.append(" AND at >= ?");
            params.add(q.since());
        }
        if (q.who() != null) {
            sql.append(" AND who = ?");
            params.add(q.who());
        }
        if (q.what() != null) {
            if (q.what().contains(".")) {
                sql.append(" AND what = ?");
                params.add(q.what());
            } else {
                sql.append(" AND (what = ? OR what LIKE ?)");
                params.add(q.what());
                params.add(q.what().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
            }
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(Math.max(1, Math.min(q.limit(), MAX_LIMIT)));
        return connections.executeRead(status -> {
            return Sql.call("could not read the audit trail", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(sql.toString())) {
                    for (int i = 0; i < params.size(); i++) {
                        ps.setObject(i + 1, params.get(i));
                    }
                    List<AuditEntry> entries = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            entries.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), fromJson(rs.getString(6)), fromJson(rs.getString(7))));
                        }
                    }
                    return entries;
                }
            });
        });
    }

    @Nullable
    private String toJson(@Nullable Object state) {
        if (state == null) {
            return null;
        }
        try {
            String text = json.writeValueAsString(redact(json.writeValueToTree(state)));
            return text.length() <= MAX_STATE_CHARS ? text : json.writeValueAsString(Map.of("truncated", true));
        } catch (IOException e) {
            throw new IllegalArgumentException("state is not representable as JSON: " + e.getMessage(), e);
        }
    }

    @Nullable
    private Object fromJson(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Object.class);
        } catch (IOException e) {
            return text;
        }
    }

    /** A copy of {@code node} with the value of every secret-named field replaced, at any depth. */
    static JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> copy = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                copy.put(e.getKey(), isSecretField(e.getKey()) && !e.getValue().isNull()
                        ? JsonNode.createStringNode(REDACTED) : redact(e.getValue()));
            }
            return JsonNode.createObjectNode(copy);
        }
        if (node.isArray()) {
            List<JsonNode> copy = new ArrayList<>();
            node.values().forEach(v -> copy.add(redact(v)));
            return JsonNode.createArrayNode(copy);
        }
        return node;
    }

    static boolean isSecretField(String name) {
        return SECRET_FIELD.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static void setText(PreparedStatement ps, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
