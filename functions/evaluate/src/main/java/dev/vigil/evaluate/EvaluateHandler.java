package dev.vigil.evaluate;

import dev.vigil.core.evaluate.EvaluateProperties;
import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.evaluate.EvaluationShard;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point for the EventBridge schedule: one evaluation per invocation, of the shard the
 * schedule's input names ({@code {"shard":2,"shards":4}}) or else the configured one (the whole fleet by
 * default). Overlapping invocations of one shard are safe; the one without the lease returns at once.
 */
public class EvaluateHandler extends MicronautRequestHandler<EvaluateInvocation, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateHandler.class);

    @Inject
    EvaluationCycle cycle;
    @Inject
    EvaluateProperties properties;

    public EvaluateHandler() {
        super();
    }

    public EvaluateHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public Void execute(EvaluateInvocation input) {
        EvaluationShard shard = input == null ? properties.shard() : input.shardOr(properties.shard());
        String call = input == null || input.id() == null ? "a direct call" : input.id();
        cycle.runOnce(shard).ifPresentOrElse(
                report -> LOG.info("evaluated {} for {}: {}", shard.jobName(), call, report),
                () -> LOG.info("skipped: another evaluation holds the lease {}", shard.jobName()));
        return null;
    }
}
