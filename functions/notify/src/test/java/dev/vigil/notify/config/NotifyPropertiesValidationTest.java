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

    /** application.yml names no database (production gives VIGIL_JDBC_URL): these contexts get a throwaway one. */
    static final Map<String, Object> IN_MEMORY_DATABASE = Map.of("datasources.default.url",
            "jdbc:h2:mem:notify-config;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE");

    @Test
    void defaultsBind() {
        try (ApplicationContext ctx = ApplicationContext.run(IN_MEMORY_DATABASE)) {
            assertEquals(NotifyProperties.DEFAULT_MAX_ATTEMPTS, ctx.getBean(NotifyProperties.class).getMaxAttempts());
        }
    }

    @Test
    void zeroAttemptsIsRefused() {
        try (ApplicationContext ctx = ApplicationContext.run(with("vigil.notify.max-attempts", "0"))) {
            BeanInstantiationException e = assertThrows(BeanInstantiationException.class, () -> ctx.getBean(NotifyProperties.class));
            assertTrue(e.getMessage().contains("maxAttempts"), e.getMessage());
        }
    }

    static Map<String, Object> with(String key, String value) {
        Map<String, Object> properties = new java.util.HashMap<>(IN_MEMORY_DATABASE);
        properties.put(key, value);
        return properties;
    }
}
