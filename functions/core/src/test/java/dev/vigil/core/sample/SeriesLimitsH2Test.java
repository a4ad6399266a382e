package dev.vigil.core.sample;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.Map;

@MicronautTest(transactional = false, environments = {"test", "scenario"})
class SeriesLimitsH2Test extends SeriesLimitsContract {

    @Override
    Map<String, String> database() {
        return TestDatabase.freshH2();
    }
}
