package dev.vigil.housekeeping;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.vigil.core.testing.TestDatabase;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Lambda handler as AWS would call it, with the sample EventBridge events from infra/events:
 * it builds its own context against a fresh MySQL database, runs the task the event names, and
 * each run appears in job_runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HousekeepingHandlerTest {

    static final Path EVENTS = Path.of("../../infra/events");

    Map<String, String> database;

    @BeforeAll
    void pointAtAFreshDatabase() {
        database = TestDatabase.freshMysql();
        database.forEach(System::setProperty);
    }

    @AfterAll
    void clearProperties() {
        database.keySet().forEach(System::clearProperty);
    }

    @Test
    void hourlyAndWeeklyEventsRunTheirTasks() throws Exception {
        try (var handler = new HousekeepingHandler()) {
            ObjectMapper json = handler.getApplicationContext().getBean(ObjectMapper.class);
            ScheduledEvent hourly = json.readValue(Files.readString(EVENTS.resolve("housekeeping-hourly.json")), ScheduledEvent.class);
            ScheduledEvent weekly = json.readValue(Files.readString(EVENTS.resolve("housekeeping-weekly.json")), ScheduledEvent.class);
            assertEquals(HousekeepingTask.HOURLY, HousekeepingHandler.taskOf(hourly));
            assertEquals(HousekeepingTask.WEEKLY_MAINTENANCE, HousekeepingHandler.taskOf(weekly));

            handler.handleRequest(hourly, new MockLambdaContext());
            handler.handleRequest(weekly, new MockLambdaContext());
        }
        assertEquals(1, count("SELECT COUNT(*) FROM job_runs WHERE job = 'housekeeping' AND ok"));
        assertEquals(1, count("SELECT COUNT(*) FROM job_runs WHERE job = 'maintenance' AND ok"));
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
