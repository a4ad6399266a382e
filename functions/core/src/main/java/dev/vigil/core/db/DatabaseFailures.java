package dev.vigil.core.db;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells apart the two ways a database operation fails: the database is unreachable or unwell (the
 * caller may retry later: 503), or the data itself cannot be stored (SQL state class 22, e.g. a
 * value too long for its column: retrying the same request can never succeed).
 */
public final class DatabaseFailures {

    /** Names that mark a connection or pool failure without a typed SQLException in the chain. */
    private static final Set<String> UNAVAILABLE_TYPES = Set.of(
            "io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException",
            "io.micronaut.data.exceptions.DataAccessException",
            "io.micronaut.transaction.exceptions.TransactionException",
            "io.micronaut.transaction.exceptions.CannotCreateTransactionException",
            "io.micronaut.transaction.exceptions.TransactionSystemException",
            "com.zaxxer.hikari.pool.HikariPool$PoolInitializationException");

    public enum Kind {
        /** Not a database failure at all. */
        NONE,
        /** Connection refused, timed out, lost, pool exhausted, deadlock, server error: retry later. */
        UNAVAILABLE,
        /** The database refused the data (SQL state 22xxx): the request is at fault. */
        INVALID_DATA
    }

    private DatabaseFailures() {
    }

    public static Kind classify(Throwable failure) {
        Kind kind = Kind.NONE;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("22")) {
                    return Kind.INVALID_DATA;
                }
                kind = Kind.UNAVAILABLE;
            } else if (t instanceof StorageException || isUnavailableType(t.getClass())) {
                kind = Kind.UNAVAILABLE;
            }
        }
        return kind;
    }

    private static boolean isUnavailableType(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (UNAVAILABLE_TYPES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
