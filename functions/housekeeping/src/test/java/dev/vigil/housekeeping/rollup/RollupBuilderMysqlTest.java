package dev.vigil.housekeeping.rollup;

import dev.vigil.core.testing.MysqlTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false, environments = "test")
class RollupBuilderMysqlTest extends RollupBuilderContract implements MysqlTestProperties {
}
