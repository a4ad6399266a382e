package dev.vigil.core.evaluate;

import dev.vigil.core.testing.MysqlTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false, environments = {"test", "scenario"})
class EvaluationScenariosMysqlTest extends EvaluationScenarios implements MysqlTestProperties {
}
