package dev.vigil.agent.check;

import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The configured checks as samples: check_ok{check} always, check_value{check} when stdout is a number. */
public final class CommandChecks implements SampleSource {

    private final List<CheckDefinition> checks;
    private final CommandCheckRunner runner = new CommandCheckRunner();

    public CommandChecks(List<CheckDefinition> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public List<Sample> collect(long ts) {
        List<Sample> out = new ArrayList<>();
        for (CheckDefinition check : checks) {
            CheckOutcome outcome = runner.run(check);
            Map<String, String> labels = Map.of("check", check.name());
            out.add(Sample.of("check_ok", labels, ts, outcome.ok() ? 1 : 0));
            if (outcome.value() != null) {
                out.add(Sample.of("check_value", labels, ts, outcome.value()));
            }
        }
        return out;
    }
}
