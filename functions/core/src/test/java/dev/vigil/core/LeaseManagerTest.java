package dev.vigil.core;

import dev.vigil.core.lease.LeaseManager;
import dev.vigil.core.testing.MysqlTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaseManagerTest implements MysqlTestProperties {

    @Inject
    LeaseManager leases;

    @Test
    void onlyOneOfManyConcurrentCallersGetsTheLease() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(() -> leases.tryAcquire("race", Duration.ofMinutes(1)).isPresent());
        }
        int winners = 0;
        for (Future<Boolean> f : pool.invokeAll(callers)) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, winners);
    }

    @Test
    void aReleasedLeaseCanBeTakenAgain() {
        var first = leases.tryAcquire("released", Duration.ofMinutes(1)).orElseThrow();
        assertTrue(leases.tryAcquire("released", Duration.ofMinutes(1)).isEmpty());
        first.close();
        assertTrue(leases.tryAcquire("released", Duration.ofMinutes(1)).isPresent());
    }
}
