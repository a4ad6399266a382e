package dev.vigil.core.evaluate;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.Map;

@MicronautTest(transactional = false, environments = {"test", "scenario"})
class HonestResolutionScenariosH2Test extends HonestResolutionScenarios {

    @Override
    Map<String, String> database() {
        return TestDatabase.freshH2();
    }
}
