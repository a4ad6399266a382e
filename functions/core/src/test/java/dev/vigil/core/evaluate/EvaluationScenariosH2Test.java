package dev.vigil.core.evaluate;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;

/** The same scenarios on the embedded database, which proves the evaluator's SQL is portable. */
@MicronautTest(transactional = false, environments = {"test", "scenario"})
class EvaluationScenariosH2Test extends EvaluationScenarios implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.freshH2();
    }
}
