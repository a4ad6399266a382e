package dev.vigil.evaluate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vigil.core.evaluate.EvaluationShard;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What an evaluate invocation receives: EventBridge's scheduled event (its {@code id} is logged), or the
 * constant input of a sharded schedule, {@code {"shard":2,"shards":4}}. Without {@code shards} the function's
 * config ({@code vigil.evaluate.shard} / {@code shards}) decides.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluateInvocation(@Nullable String id, @Nullable Integer shard, @Nullable Integer shards) {

    /** The shard this input names, else {@code configured}; a bad pair throws naming the keys. */
    public EvaluationShard shardOr(EvaluationShard configured) {
        if (shards == null && shard == null) {
            return configured;
        }
        return new EvaluationShard(shard == null ? 0 : shard, shards == null ? configured.count() : shards);
    }
}
