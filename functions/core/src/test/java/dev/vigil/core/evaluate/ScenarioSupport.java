package dev.vigil.core.evaluate;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.time.AdjustableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;

/** What every evaluation scenario class needs: the beans a {@link Scenario} plays time with. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScenarioSupport {

    @Inject
    AdjustableClock clock;
    @Inject
    SampleBatchWriter writer;
    @Inject
    HostRegistry hosts;
    @Inject
    EvaluationCycle cycle;
    @Inject
    DataSource dataSource;

    Scenario scenario;

    @BeforeAll
    void scenario() {
        scenario = new Scenario(clock, writer, hosts, cycle, dataSource);
    }
}
