package dev.vigil.core.evaluate;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;

@MicronautTest(transactional = false, environments = {"test", "scenario"})
class ServerHealthAndDiskScenariosH2Test extends ServerHealthAndDiskScenarios implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.freshH2();
    }
}
