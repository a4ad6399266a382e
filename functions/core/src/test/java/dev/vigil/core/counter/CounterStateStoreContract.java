package dev.vigil.core.counter;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counter state survives between requests (as between Lambda containers) on every engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CounterStateStoreContract {

    static final SeriesKey RX = new SeriesKey("node_network_receive_bytes_total", Map.of("device", "eth0"));

    @Inject
    CounterStateStore store;
    @Inject
    HostRegistry hosts;

    int hostId;
    int otherHostId;

    @BeforeAll
    void registerHosts() {
        hostId = hosts.register("web-01").orElseThrow().host().id();
        otherHostId = hosts.register("web-02").orElseThrow().host().id();
    }

    @Test
    void aRateComesFromTheReadingStoredByAnEarlierRequest() {
        CounterRates first = store.ratesFor(hostId);
        assertTrue(first.advance(RX, 10_000, 1_000).isEmpty(), "first sight yields no rate");
        store.save(hostId, first.newReadings());

        CounterRates second = store.ratesFor(hostId);
        Optional<CounterIncrease> increase = second.advance(RX, 20_000, 6_000);
        assertEquals(500.0, increase.orElseThrow().perSecond(), 1e-9);
        store.save(hostId, second.newReadings());

        assertTrue(store.ratesFor(otherHostId).advance(RX, 30_000, 9_000).isEmpty(), "state is per host");
    }

    @Test
    void anOlderReadingNeverOverwritesANewerOne() {
        SeriesKey tx = new SeriesKey("tx_total", Map.of());
        store.save(hostId, List.of(new CounterReading(tx.hash(), 50_000, 100)));
        store.save(hostId, List.of(new CounterReading(tx.hash(), 40_000, 10)));
        assertEquals(10.0, store.ratesFor(hostId).advance(tx, 60_000, 200).orElseThrow().perSecond(), 1e-9);
    }
}
