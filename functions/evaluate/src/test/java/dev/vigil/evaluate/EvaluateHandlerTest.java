package dev.vigil.evaluate;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.testing.TestDatabase;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Lambda entry point, invoked in-process with the EventBridge event SAM sends, does a full evaluation. */
class EvaluateHandlerTest {

    static final Path EVENT = Path.of("../../infra/events/evaluate-scheduled.json");

    @Test
    void aScheduledEventRunsOneFullEvaluation() throws Exception {
        Map<String, String> db = TestDatabase.freshMysql();
        db.forEach(System::setProperty);
        try (EvaluateHandler handler = new EvaluateHandler()) {
            db.keySet().forEach(System::clearProperty);
            var context = handler.getApplicationContext();
            int host = context.getBean(HostRegistry.class).register("db-01").orElseThrow().host().id();
            long now = System.currentTimeMillis();
            context.getBean(SampleBatchWriter.class).write(host, List.of(
                    new Sample("disk_used_percent", Map.of("mount", "/"), now, 93.5),
                    new Sample("mysql_up", Map.of(), now, 1)));
            EvaluateInvocation event = context.getBean(JsonMapper.class)
                    .readValue(Files.readAllBytes(EVENT), EvaluateInvocation.class);
            assertEquals("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", event.id());

            handler.handleRequest(event, new MockLambdaContext());

            DataSource ds = context.getBean(DataSource.class);
            assertEquals(1, Sql.count(ds, "SELECT COUNT(*) FROM alerts WHERE rule = 'DiskSpaceLow' AND state = 'firing' "
                    + "AND severity = 'critical' AND summary LIKE 'db-01: disk / is 93.5% full%'"));
            assertEquals(1, Sql.count(ds, "SELECT COUNT(*) FROM alert_events WHERE kind = 'FIRING'"));
            assertEquals(1, Sql.count(ds, "SELECT COUNT(*) FROM job_runs WHERE job = 'evaluate' AND ok"));
        } finally {
            db.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void aShardInTheInputEvaluatesThatShardUnderItsOwnJobName() throws Exception {
        Map<String, String> db = TestDatabase.freshMysql();
        db.forEach(System::setProperty);
        try (EvaluateHandler handler = new EvaluateHandler()) {
            db.keySet().forEach(System::clearProperty);
            var context = handler.getApplicationContext();
            EvaluateInvocation input = context.getBean(JsonMapper.class)
                    .readValue("{\"shard\":1,\"shards\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8), EvaluateInvocation.class);

            handler.handleRequest(input, new MockLambdaContext());
            handler.handleRequest(new EvaluateInvocation(null, null, null), new MockLambdaContext());

            DataSource ds = context.getBean(DataSource.class);
            assertEquals(1, Sql.count(ds, "SELECT COUNT(*) FROM job_runs WHERE job = 'evaluate-1of2' AND ok"));
            assertEquals(1, Sql.count(ds, "SELECT COUNT(*) FROM job_runs WHERE job = 'evaluate' AND ok"),
                    "without a shard in the input, the config's (the whole fleet by default)");
        } finally {
            db.keySet().forEach(System::clearProperty);
        }
    }
}
