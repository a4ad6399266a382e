package dev.vigil.core.db;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.jdbc.DataSourceResolver;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given vigil.flyway.skip-when-current, a start on a current schema does not start Flyway, and any other start
 * (fresh database, a migration missing from the history, an edited migration) runs Flyway exactly as without it.
 */
class CurrentSchemaMigrationRunnerTest {

    static ApplicationContext start(Map<String, String> database, boolean skipWhenCurrent) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("vigil.flyway.skip-when-current", skipWhenCurrent);
        ApplicationContext context = ApplicationContext.run(properties, "test");
        context.getBean(DataSource.class);
        return context;
    }

    static DataSource dataSource(ApplicationContext context) {
        return context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
    }

    static boolean flywayStarted(ApplicationContext context) {
        return context.findBean(Flyway.class).isPresent();
    }

    static void sql(ApplicationContext context, String... statements) throws SQLException {
        try (Connection c = dataSource(context).getConnection(); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    @Test
    void aCurrentSchemaStartsWithoutFlywayAndOneBehindIsMigratedAsBefore() throws Exception {
        Map<String, String> database = TestDatabase.freshMysql();
        try (ApplicationContext fresh = start(database, true)) {
            assertTrue(flywayStarted(fresh), "a fresh database is migrated by Flyway");
        }
        try (ApplicationContext current = start(database, true)) {
            assertFalse(flywayStarted(current), "every packaged migration applied: no Flyway");
            // a new migration shipped since the last start: Flyway applies it
            sql(current, "DROP TABLE log_lines", "DELETE FROM flyway_schema_history WHERE version = '75'");
        }
        try (ApplicationContext behind = start(database, true)) {
            assertTrue(flywayStarted(behind));
            sql(behind, "SELECT COUNT(*) FROM log_lines");
        }
        try (ApplicationContext off = start(database, false)) {
            assertTrue(flywayStarted(off), "without the key every start runs Flyway");
        }
    }

    @Test
    void anEditedMigrationStillFailsFlywaysValidation() throws Exception {
        Map<String, String> database = TestDatabase.freshMysql();
        try (ApplicationContext fresh = start(database, true)) {
            sql(fresh, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        }
        assertThrows(BeanInstantiationException.class, () -> start(database, true).close());
    }

    @Test
    void checksumsAndDescriptionsAreThoseFlywayRecords() throws Exception {
        Map<String, String> database = TestDatabase.freshMysql();
        try (ApplicationContext context = start(database, false);
             Connection c = dataSource(context).getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, description, checksum FROM flyway_schema_history")) {
            Map<String, PackagedMigrations.Migration> recorded = new HashMap<>();
            while (rs.next()) {
                recorded.put(rs.getString(1), new PackagedMigrations.Migration(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
            PackagedMigrations packaged = PackagedMigrations.read(getClass().getClassLoader(), List.of("classpath:db/migration/common"))
                    .orElseThrow();
            assertEquals(recorded, packaged.byVersion());
        }
    }
}
