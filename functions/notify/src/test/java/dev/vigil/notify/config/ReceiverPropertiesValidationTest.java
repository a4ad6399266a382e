package dev.vigil.notify.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Receiver settings are checked when bound, like {@code vigil.notify.*}: a blank sender address stops the start. */
class ReceiverPropertiesValidationTest {

    @Test
    void aBlankFromAddressIsRefused() {
        try (ApplicationContext ctx = ApplicationContext.run(NotifyPropertiesValidationTest.with("vigil.notify.email.from", " "))) {
            BeanInstantiationException e = assertThrows(BeanInstantiationException.class,
                    () -> ctx.getBean(ReceiverProperties.Email.class));
            assertTrue(e.getMessage().contains("from"), e.getMessage());
        }
    }
}
