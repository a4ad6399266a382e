package dev.vigil.core.counter;

import dev.vigil.core.testing.MysqlTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false, environments = "test")
class CounterStateStoreMysqlTest extends CounterStateStoreContract implements MysqlTestProperties {
}
