package dev.vigil.evaluate;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.Map;

@MicronautTest(transactional = false, environments = {"test", "scenario", EvaluationHandOffScenarios.ENV})
class EvaluationHandOffH2Test extends EvaluationHandOffScenarios {

    @Override
    Map<String, String> database() {
        return TestDatabase.freshH2();
    }
}
