package dev.vigil.core.db;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import org.junit.jupiter.api.Test;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which failures mean "the database is unwell, retry" and which "this data can never be stored". */
class DatabaseFailuresTest {

    @Test
    void connectionAndPoolFailuresAreUnavailable() {
        assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")));
        assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(
                new DataAccessException("x", new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))));
        assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(
                new IllegalStateException(new SQLException("Communications link failure", "08S01"))));
        assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(new StorageException("could not store", null)));
    }

    @Test
    void dataTheDatabaseRefusesIsInvalidNotUnavailable() {
        assertEquals(DatabaseFailures.Kind.INVALID_DATA, DatabaseFailures.classify(
                new StorageException("could not store", new SQLDataException("Data too long for column 'comment'", "22001"))));
    }

    @Test
    void otherFailuresAreNotDatabaseFailures() {
        assertEquals(DatabaseFailures.Kind.NONE, DatabaseFailures.classify(new IllegalArgumentException("bug")));
    }
}
