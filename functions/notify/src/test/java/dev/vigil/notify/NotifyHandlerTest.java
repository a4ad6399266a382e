package dev.vigil.notify;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.notify.testing.AlertFixture;
import dev.vigil.notify.testing.AlertFixture.Spec;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda handler in-process with the stored scheduled event; no SMTP configured, so emails become .eml files. */
class NotifyHandlerTest {

    @Test
    void aScheduledEventRunsNotifyAndWithoutSmtpWritesEmlFiles() throws Exception {
        Path outbox = Files.createTempDirectory("vigil-outbox");
        Map<String, String> props = new java.util.HashMap<>(TestDatabase.freshMysql());
        props.put("vigil.notify.group-wait", "0s");
        props.put("vigil.notify.critical-group-wait", "0s");
        props.put("vigil.notify.email.outbox-dir", outbox.toString());
        props.put("vigil.notify.email.to", "ops@example.com");
        props.forEach(System::setProperty);
        try {
            String json = Files.readString(Path.of("../../infra/events/notify-scheduled.json"));
            try (NotifyHandler handler = new NotifyHandler()) {
                ScheduledEvent event = handler.getApplicationContext().getBean(ObjectMapper.class).readValue(json, ScheduledEvent.class);
                assertEquals("Scheduled Event", event.getDetailType());
                new AlertFixture(handler.getApplicationContext().getBean(DataSource.class), Clock.systemUTC())
                        .fire(Spec.of("db-01", "DiskSpaceLow", "critical", 93.1, 90).texts("93.1%", "90%"));
                handler.handleRequest(event, new MockLambdaContext());
            }
            List<Path> files;
            try (var s = Files.list(outbox)) {
                files = s.filter(f -> f.toString().endsWith(".eml")).toList();
            }
            assertEquals(1, files.size());
            String eml = Files.readString(files.get(0));
            assertTrue(eml.contains("Subject: [CRITICAL] db-01: DiskSpaceLow (93.1%)"), eml);
            assertTrue(eml.contains("multipart/alternative"), eml);
            // Emails carry host names and values: readable by the owner only (issue 11).
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox)));
        } finally {
            props.keySet().forEach(System::clearProperty);
        }
    }
}
