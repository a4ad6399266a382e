package dev.vigil.notify.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vigil.notify.*} is checked when it is bound: a setting that cannot work stops the start with its name. */
class NotifyPropertiesValidationTest {

    @Test
    void defaultsBind() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            assertEquals(NotifyProperties.DEFAULT_MAX_ATTEMPTS, ctx.getBean(NotifyProperties.class).getMaxAttempts());
        }
    }

    @Test
    void zeroAttemptsIsRefused() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("vigil.notify.max-attempts", "0"))) {
            BeanInstantiationException e = assertThrows(BeanInstantiationException.class, () -> ctx.getBean(NotifyProperties.class));
            assertTrue(e.getMessage().contains("maxAttempts"), e.getMessage());
        }
    }
}
