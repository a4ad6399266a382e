package dev.vigil.notify.route;

import dev.vigil.notify.config.NotifyConfig;
import dev.vigil.notify.notifier.SecretRedactor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One loaded routing config: the route tree, the receivers with their integrations, the inhibit rules. */
public record Routing(NotifyConfig config, Route root, List<Receiver> receivers, List<InhibitRule> inhibitRules,
                      SecretRedactor redactor) {

    public Optional<Receiver> receiver(String name) {
        return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The integration an outbox item or log entry names. */
    public Optional<Integration> integration(String key) {
        return integrations().stream().filter(i -> i.key().equals(key)).findFirst();
    }

    public List<Integration> integrations() {
        return receivers.stream().flatMap(r -> r.integrations().stream()).toList();
    }

    public Map<String, Receiver> byName() {
        return receivers.stream().collect(Collectors.toMap(Receiver::name, r -> r));
    }
}
