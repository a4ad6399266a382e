package dev.vigil.housekeeping.rollup;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;

@MicronautTest(transactional = false, environments = "test")
class RollupBuilderH2Test extends RollupBuilderContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.freshH2();
    }
}
