package dev.vigil.core.job;

/**
 * The names of the scheduled jobs, as recorded in {@code job_runs} and reported by the API. A job's
 * lease may carry the same name ({@code evaluate}, {@code housekeeping}) or its own (notify's planning lease).
 */
public final class JobNames {

    public static final String EVALUATE = "evaluate";
    public static final String NOTIFY = "notify";
    public static final String HOUSEKEEPING = "housekeeping";
    public static final String MAINTENANCE = "maintenance";

    private JobNames() {
    }
}
