package dev.vigil.core.evaluate;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** {@code vigil.evaluate.*}: how the evaluation cycle runs. Bad values stop the start with the key named. */
@ConfigurationProperties("vigil.evaluate")
public class EvaluateProperties {

    /**
     * How often evaluation runs: the local timer's period, and on Lambda the EventBridge schedule's (set to
     * match it). Evaluation is stale after {@link EvaluationStaleness#STALE_AFTER_INTERVALS} of them.
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    /** Longer than any cycle should take, short enough that a crashed run blocks the next few only. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(2);
    /**
     * A series silent this long, while its host keeps sending, is "no data": its latest value no longer
     * counts and its alert resolves as {@code no_data}. Five minutes is twenty missed 15 s posts, so an
     * agent restart or a short network blip (which HostDown, at 1 m, reports on its own) does not close
     * and reopen alerts, yet an alert of a disk that was unmounted does not stay firing for long. It is
     * also Prometheus' staleness look-back (query.lookback-delta), which operators already know.
     */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
    /** A trend needs enough points and enough time span, or one noisy sample predicts doom. */
    public static final int DEFAULT_TREND_MIN_SAMPLES = 10;
    public static final Duration DEFAULT_TREND_MIN_SPAN = Duration.ofMinutes(15);
    /**
     * New alerts one rule may open in one cycle. A real incident across a 1,000-host fleet (every
     * host's disk behind one full NFS server) is fully raised within two 15 s cycles, while a rule that
     * matches everything (the 20,000 alerts of issue 11) is held to a rate notify can group and send,
     * and says so in a VigilAlertsCapped meta-alert instead of one 2.6 MB email.
     */
    public static final int DEFAULT_MAX_NEW_ALERTS_PER_RULE = 500;

    @NotNull
    private Duration interval = DEFAULT_INTERVAL;
    @NotNull
    private Duration leaseTtl = DEFAULT_LEASE_TTL;
    @NotNull
    private Duration staleAfter = DEFAULT_STALE_AFTER;
    @Min(2)
    private int trendMinSamples = DEFAULT_TREND_MIN_SAMPLES;
    @NotNull
    private Duration trendMinSpan = DEFAULT_TREND_MIN_SPAN;
    @Min(1)
    @Max(1_000_000)
    private int maxNewAlertsPerRule = DEFAULT_MAX_NEW_ALERTS_PER_RULE;
    /** Evaluators sharing the fleet by host ({@link EvaluationShard}); 1 is one evaluator for everything. */
    @Min(1)
    @Max(EvaluationShard.MAX_SHARDS)
    private int shards = 1;
    /** Which of them this process is when nothing else says (a Lambda invocation's input does), 0-based. */
    @Min(0)
    @Max(EvaluationShard.MAX_SHARDS - 1)
    private int shard;

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = positive("vigil.evaluate.interval", interval);
    }

    public Duration getLeaseTtl() {
        return leaseTtl;
    }

    public void setLeaseTtl(Duration leaseTtl) {
        this.leaseTtl = positive("vigil.evaluate.lease-ttl", leaseTtl);
    }

    public Duration getStaleAfter() {
        return staleAfter;
    }

    public void setStaleAfter(Duration staleAfter) {
        this.staleAfter = positive("vigil.evaluate.stale-after", staleAfter);
    }

    public int getTrendMinSamples() {
        return trendMinSamples;
    }

    public void setTrendMinSamples(int trendMinSamples) {
        this.trendMinSamples = trendMinSamples;
    }

    public Duration getTrendMinSpan() {
        return trendMinSpan;
    }

    public void setTrendMinSpan(Duration trendMinSpan) {
        this.trendMinSpan = trendMinSpan;
    }

    public int getMaxNewAlertsPerRule() {
        return maxNewAlertsPerRule;
    }

    public void setMaxNewAlertsPerRule(int maxNewAlertsPerRule) {
        this.maxNewAlertsPerRule = maxNewAlertsPerRule;
    }

    public int getShards() {
        return shards;
    }

    public void setShards(int shards) {
        this.shards = shards;
    }

    public int getShard() {
        return shard;
    }

    public void setShard(int shard) {
        this.shard = shard;
    }

    /** The configured shard; throws naming the keys when {@code shard} is not below {@code shards}. */
    public EvaluationShard shard() {
        return new EvaluationShard(shard, shards);
    }

    private static Duration positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 5m, not " + d);
        }
        return d;
    }
}
