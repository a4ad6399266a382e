package dev.vigil.core.evaluate;

import dev.vigil.core.testing.TestDatabase;

import java.util.Map;

class ShardedEvaluationMysqlTest extends ShardedEvaluationScenarios {

    @Override
    Map<String, String> database() {
        return TestDatabase.freshMysql();
    }
}
