package dev.vigil.ingest.format.remotewrite;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** {@link RemoteWriteScenarios} on H2 in MySQL mode, the local app's embedded engine. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteWriteOnH2Test extends RemoteWriteScenarios {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.putAll(TestDatabase.freshH2());
        return props;
    }
}
