package dev.vigil.core.evaluate;

import dev.vigil.core.testing.TestDatabase;

import java.util.Map;

/** The shard filter is portable SQL: the same on the embedded database. */
class ShardedEvaluationH2Test extends ShardedEvaluationScenarios {

    @Override
    Map<String, String> database() {
        return TestDatabase.freshH2();
    }
}
