-- Housekeeping's rollups: per-series 5-minute and 1-hour aggregates that outlive raw samples
-- (defaults 90 and 400 days) and answer long ranges. Same key shape as samples, so on MySQL
-- housekeeping partitions them by bucket_ts exactly like samples (RANGE needs the column in
-- every unique key). Partitioning is done at runtime, not here: H2 (the embedded default)
-- cannot parse PARTITION BY, and these tables are empty when it happens.

CREATE TABLE rollup_5m (
    series_id     BIGINT  NOT NULL,
    -- start of the window, epoch ms, a multiple of 300000
    bucket_ts     BIGINT  NOT NULL,
    min_value     DOUBLE  NOT NULL,
    max_value     DOUBLE  NOT NULL,
    avg_value     DOUBLE  NOT NULL,
    sample_count  INT     NOT NULL,
    PRIMARY KEY (series_id, bucket_ts)
) ENGINE = InnoDB;

CREATE TABLE rollup_1h (
    series_id     BIGINT  NOT NULL,
    bucket_ts     BIGINT  NOT NULL,
    min_value     DOUBLE  NOT NULL,
    max_value     DOUBLE  NOT NULL,
    avg_value     DOUBLE  NOT NULL,
    sample_count  INT     NOT NULL,
    PRIMARY KEY (series_id, bucket_ts)
) ENGINE = InnoDB;

-- Per resolution: every window that ends at or before done_until has been rolled up at least once.
CREATE TABLE rollup_watermarks (
    resolution  VARCHAR(8)  NOT NULL,
    done_until  BIGINT      NOT NULL,
    PRIMARY KEY (resolution)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
