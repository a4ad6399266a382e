package dev.vigil.agent.check;

import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CommandChecksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static List<Sample> run(String command, Duration timeout) {
        return new CommandChecks(List.of(new CheckDefinition("c", command, timeout))).collect(1);
    }

    @Test
    void exitZeroIsOk() {
        assertEquals(List.of(Sample.of("check_ok", Map.of("check", "c"), 1, 1)), run("true", TIMEOUT));
    }

    @Test
    void nonZeroExitIsNotOkAndTextOutputIsNoValue() {
        assertEquals(List.of(Sample.of("check_ok", Map.of("check", "c"), 1, 0)), run("echo broken; exit 1", TIMEOUT));
    }

    @Test
    void numericOutputBecomesCheckValue() {
        List<Sample> s = run("printf '  42.5\\n'", TIMEOUT);
        assertEquals(List.of(Sample.of("check_ok", Map.of("check", "c"), 1, 1), Sample.of("check_value", Map.of("check", "c"), 1, 42.5)), s);
    }

    @Test
    void failingCommandStillReportsItsNumber() {
        List<Sample> s = run("echo 7; exit 3", TIMEOUT);
        assertEquals(0, s.get(0).value());
        assertEquals(7, s.get(1).value());
    }

    @Test
    void timeoutCountsAsFailureAndKillsTheCommand() {
        long started = System.nanoTime();
        List<Sample> s = run("echo 1; sleep 30", Duration.ofMillis(300));
        assertEquals(List.of(Sample.of("check_ok", Map.of("check", "c"), 1, 0)), s);
        assertTrue(System.nanoTime() - started < 3_000_000_000L);
    }
}
