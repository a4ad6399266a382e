package dev.vigil.notify;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** {@link ReceiverDirectoryTest} on H2 in MySQL mode: the local app serves the receivers API from it. */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiverDirectoryOnH2Test extends ReceiverDirectoryTest {

    @Override
    protected Map<String, String> databaseProperties() {
        return TestDatabase.freshH2();
    }
}
