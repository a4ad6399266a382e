package dev.vigil.core.db;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.core.naming.NameResolver;
import io.micronaut.core.type.Argument;
import io.micronaut.flyway.DataSourceMigrationRunner;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Micronaut Flyway's start-up migration, which with {@code vigil.flyway.skip-when-current} first compares
 * {@code flyway_schema_history} with the packaged migrations in one query and starts Flyway only when they differ:
 * a migration missing or failed, a checksum or description changed, a row Flyway wrote for something else, the
 * table absent. Flyway then migrates and validates exactly as without the check. A current schema is what a
 * Lambda cold start almost always meets, and Flyway's migrate there costs its classes, a scan of the locations,
 * its lock and its validation queries.
 */
@Singleton
@Replaces(DataSourceMigrationRunner.class)
public class CurrentSchemaMigrationRunner extends DataSourceMigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentSchemaMigrationRunner.class);
    /** The Flyway keys this check understands; any other (a table, schemas, naming, baseline) leaves it to Flyway. */
    private static final Set<String> UNDERSTOOD_KEYS = Set.of("enabled", "out-of-order", "locations");

    private final ApplicationContext context;
    private final DataSourceResolver resolver;
    private final FlywayStartProperties properties;

    public CurrentSchemaMigrationRunner(ApplicationContext context, ApplicationEventPublisher<?> publisher,
                                        DataSourceResolver resolver, FlywayStartProperties properties) {
        super(context, publisher, resolver);
        this.context = context;
        this.resolver = resolver;
        this.properties = properties;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        if (properties.isSkipWhenCurrent() && event.getBeanDefinition() instanceof NameResolver named) {
            Optional<String> name = named.resolveName();
            if (name.isPresent() && isCurrent(name.get(), resolver.resolve(event.getBean()))) {
                return event.getBean();
            }
        }
        return super.onCreated(event);
    }

    boolean isCurrent(String dataSourceName, DataSource dataSource) {
        String prefix = "flyway.datasources." + dataSourceName;
        // a list comes as both "locations" and "locations[0]"
        Set<String> configured = context.getProperties(prefix).keySet().stream()
                .map(key -> key.replaceFirst("\\[\\d+]$", "")).collect(Collectors.toSet());
        if (!context.getProperty(prefix + ".enabled", Boolean.class, false) || !UNDERSTOOD_KEYS.containsAll(configured)) {
            return false;
        }
        List<String> locations = context.getProperty(prefix + ".locations", Argument.LIST_OF_STRING)
                .orElse(List.of("classpath:db/migration"));
        Optional<PackagedMigrations> packaged = PackagedMigrations.read(getClass().getClassLoader(), locations);
        if (packaged.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version, description, type, checksum, success FROM flyway_schema_history")) {
            Map<String, PackagedMigrations.Migration> applied = new HashMap<>();
            while (rs.next()) {
                int checksum = rs.getInt("checksum");
                boolean noChecksum = rs.wasNull();
                if (!"SQL".equals(rs.getString("type")) || !rs.getBoolean("success") || noChecksum || rs.getString("version") == null) {
                    return false;
                }
                String version = rs.getString("version");
                if (applied.put(version, new PackagedMigrations.Migration(version, rs.getString("description"), checksum)) != null) {
                    return false;
                }
            }
            boolean current = applied.equals(packaged.get().byVersion());
            if (current) {
                LOG.debug("schema history holds all {} packaged migrations: Flyway not started", applied.size());
            }
            return current;
        } catch (SQLException e) {
            // no history table yet, or no database: Flyway creates the one and reports the other as before
            return false;
        }
    }
}
