package dev.vigil.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start banner tells a new user where things really are. */
class LocalStartupBannerTest {

    @TempDir
    Path data;

    @Test
    void withAnSmtpServerConfiguredEmailsGoThereNotToTheOutboxDirectory() {
        String text = bannerWith(Map.of("javamail.properties.mail.smtp.host", "smtp.example.test",
                "javamail.properties.mail.smtp.port", "2525"));
        assertTrue(text.contains("emails:      SMTP server smtp.example.test:2525"), text);
        assertFalse(text.contains("outbox"), text);
    }

    @Test
    void withoutSmtpEmailsAreFilesUnderTheDataDirectory() {
        String text = bannerWith(Map.of());
        assertTrue(text.contains("emails:      " + data.toAbsolutePath().normalize().resolve("outbox") + " as .eml files"), text);
    }

    @Test
    void saysWhenTheInProcessAgentIsOff() {
        String text = bannerWith(Map.of("vigil.local.agent-enabled", "false"));
        assertTrue(text.contains("this host:   'banner-01' (in-process agent disabled)"), text);
        assertTrue(text.contains("console:     http://"), text);
    }

    private String bannerWith(Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("micronaut.server.port", "-1");
        props.put("vigil.local.data-dir", data.toString());
        props.put("vigil.local.host-name", "banner-01");
        props.put("vigil.housekeeping.schedule.enabled", "false");
        props.put("datasources.default.url", "jdbc:h2:mem:banner" + System.nanoTime()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, LocalApplication.ENVIRONMENT)) {
            return server.getApplicationContext().getBean(LocalStartup.class).banner(server.getPort());
        }
    }
}
