package dev.vigil.core.alert;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.HashMap;
import java.util.Map;

@MicronautTest(transactional = false, environments = {"test", "scenario"})
class HonestResolutionScenariosH2Test extends HonestResolutionScenarios implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestDatabase.freshH2());
        p.putAll(CAP_PROPERTIES);
        return p;
    }
}
