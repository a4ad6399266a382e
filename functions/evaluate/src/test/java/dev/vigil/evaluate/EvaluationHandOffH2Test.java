package dev.vigil.evaluate;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.HashMap;
import java.util.Map;

@MicronautTest(transactional = false, environments = {"test", "scenario", EvaluationHandOffScenarios.ENV})
class EvaluationHandOffH2Test extends EvaluationHandOffScenarios implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestDatabase.freshH2());
        p.putAll(PROPERTIES);
        return p;
    }
}
