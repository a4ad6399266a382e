package dev.vigil.ingest.admin;

/**
 * The longest string each admin field accepts, in characters (Unicode code points, as the database columns
 * count them). A longer value is refused with 400 naming the field: it could never be stored, so the
 * client must not be told to retry. Host names and host labels have their own rules
 * ({@code SampleConstraints.checkHostName}, {@code HostLabels}).
 */
public final class AdminLimits {

    /** {@code silences.comment}: room for a ticket link and a sentence or two. */
    public static final int SILENCE_COMMENT = 1_000;
    /** {@code silences.created_by} is VARCHAR(128). */
    public static final int SILENCE_CREATED_BY = 128;
    /** {@code silences.cron} is VARCHAR(128). */
    public static final int SILENCE_CRON = 128;
    /** A silence names what it mutes; dozens of matchers are a mistake, not a silence. */
    public static final int SILENCE_MATCHERS = 32;
    /** As long as a series label name may be. */
    public static final int MATCHER_NAME = 128;
    /** As long as a label value may be (a longer matcher could never match anything). */
    public static final int MATCHER_VALUE = 256;
    /** {@code alerts.acknowledged_by} is VARCHAR(128). */
    public static final int ACK_BY = 128;
    /** {@code alerts.acknowledged_comment} is VARCHAR(1000). */
    public static final int ACK_COMMENT = 1_000;

    private AdminLimits() {
    }
}
