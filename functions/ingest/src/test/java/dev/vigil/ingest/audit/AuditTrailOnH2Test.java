package dev.vigil.ingest.audit;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** {@link AuditTrailTest} on H2 in MySQL mode, the local app's embedded engine. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailOnH2Test extends AuditTrailTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshH2());
        props.put("vigil.admin-token", ADMIN);
        return props;
    }
}
