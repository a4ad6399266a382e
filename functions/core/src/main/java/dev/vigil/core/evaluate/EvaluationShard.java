package dev.vigil.core.evaluate;

import dev.vigil.core.job.JobNames;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One of {@code count} evaluators that share a fleet ({@code vigil.evaluate.shards} / {@code shard}). A host
 * belongs to the shard of a hash of its id: stable (ids never change), a filter SQL can apply where series and
 * hosts are selected (so each shard reads only its hosts' rows), and even. The hash, not the id itself: ids in a
 * pattern (every tenth host a database server, or a Galera cluster's auto_increment_increment of 2 or 3) would
 * otherwise put whole groups, or every host, on one shard.
 * <p>
 * Each shard runs under its own lease and records its own job runs ({@link #jobName()}): {@code evaluate} for a
 * single evaluator, exactly as before shards existed, else {@code evaluate-2of4} (0-based). Shard 0 also owns
 * the fleet-wide leftovers: VigilAlertsCapped meta-alerts of another shard count (see {@link #ownsCapAlert}).
 */
public record EvaluationShard(int index, int count) {

    /** The whole fleet in one evaluator. */
    public static final EvaluationShard ALL = new EvaluationShard(0, 1);
    /** More would make each shard's reads too small to be worth a lease and a transaction each. */
    public static final int MAX_SHARDS = 64;
    private static final String SHARDED_JOB_PREFIX = JobNames.EVALUATE + "-";

    public EvaluationShard {
        if (count < 1 || count > MAX_SHARDS) {
            throw new IllegalArgumentException("vigil.evaluate.shards must be between 1 and " + MAX_SHARDS + ", not " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("vigil.evaluate.shard must be between 0 and shards - 1 (" + (count - 1)
                    + "), not " + index);
        }
    }

    public boolean whole() {
        return count == 1;
    }

    /** The lease and job_runs name: {@code evaluate}, or {@code evaluate-<index>of<count>}. */
    public String jobName() {
        return whole() ? JobNames.EVALUATE : SHARDED_JOB_PREFIX + label();
    }

    /** {@code 2of4}: in job names and in the labels of this shard's VigilAlertsCapped meta-alerts. */
    public String label() {
        return index + "of" + count;
    }

    /** The shard a job_runs name belongs to, or null when the name is not an evaluation's. */
    public static EvaluationShard ofJobName(String job) {
        if (JobNames.EVALUATE.equals(job)) {
            return ALL;
        }
        if (job == null || !job.startsWith(SHARDED_JOB_PREFIX)) {
            return null;
        }
        String[] parts = job.substring(SHARDED_JOB_PREFIX.length()).split("of", -1);
        try {
            return parts.length == 2 ? new EvaluationShard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Multiplicative hashing modulo a prime: ids in any arithmetic progression spread over every shard. */
    private static final long HASH_MULTIPLIER = 2_654_435_761L;
    private static final long HASH_PRIME = 4_294_967_291L;

    public boolean owns(Integer hostId) {
        return hostId != null && shardOf(hostId) == index;
    }

    /** The shard of a host id; {@link #sqlFilter} computes the same in SQL (ids are INT, so no overflow). */
    public int shardOf(int hostId) {
        return (int) Math.floorMod(Math.floorMod(hostId * HASH_MULTIPLIER, HASH_PRIME), (long) count);
    }

    /**
     * Whether this shard raises, refreshes and resolves a VigilAlertsCapped meta-alert with that {@code shard}
     * label (null for a single evaluator's): a single evaluator owns them all; a shard its own, and shard 0 also
     * those of any other shard count, so a meta-alert left behind by a change of {@code vigil.evaluate.shards}
     * still resolves.
     */
    public boolean ownsCapAlert(String shardLabel) {
        if (whole() || label().equals(shardLabel)) {
            return true;
        }
        EvaluationShard other = shardLabel == null ? ALL : ofJobName(SHARDED_JOB_PREFIX + shardLabel);
        return index == 0 && (other == null || other.count != count);
    }

    /** " AND MOD(MOD(column * m, p), ?) = ?", or nothing for a single evaluator (whose statements stay as they were). */
    String sqlFilter(String hostIdColumn) {
        return whole() ? "" : " AND MOD(MOD(" + hostIdColumn + " * " + HASH_MULTIPLIER + ", " + HASH_PRIME + "), ?) = ?";
    }

    /** Binds {@link #sqlFilter}'s parameters from {@code index}; @return the next parameter index. */
    int bind(PreparedStatement ps, int parameter) throws SQLException {
        if (whole()) {
            return parameter;
        }
        ps.setInt(parameter, count);
        ps.setInt(parameter + 1, index);
        return parameter + 2;
    }
}
