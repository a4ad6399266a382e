package dev.vigil.ingest.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsolePropertiesTest {

    @Test
    void theSessionLifetimeMustBeBetweenAMinuteAndThirtyDays() {
        ConsoleProperties properties = new ConsoleProperties();
        assertEquals(Duration.ofHours(12), properties.getSessionTtl());
        properties.setSessionTtl(Duration.ofMinutes(1));
        properties.setSessionTtl(Duration.ofDays(30));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> properties.setSessionTtl(Duration.ofSeconds(5)));
        assertTrue(tooShort.getMessage().contains("vigil.console.session-ttl"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> properties.setSessionTtl(Duration.ofDays(31)));
        assertThrows(IllegalArgumentException.class, () -> properties.setSessionTtl(null));
    }
}
