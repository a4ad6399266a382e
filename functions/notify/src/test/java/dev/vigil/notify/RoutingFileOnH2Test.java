package dev.vigil.notify;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** {@link RoutingFileTest} on H2 in MySQL mode, the local app's embedded engine: the same SQL must hold on both. */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingFileOnH2Test extends RoutingFileTest {

    @Override
    protected Map<String, String> databaseProperties() {
        return TestDatabase.freshH2();
    }
}
