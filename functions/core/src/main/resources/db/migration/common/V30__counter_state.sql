-- Previous reading of each counter a sender reports as a running total (Prometheus counters,
-- collectd derive/counter values), so a rate can be computed on the next request even when that
-- request lands on another Lambda container. One row per (host, counter series), upserted.

CREATE TABLE counter_state (
    host_id      INT      NOT NULL,
    -- SeriesKey.hash() of the counter's own name and labels (before mapping)
    series_hash  CHAR(32) NOT NULL,
    ts           BIGINT   NOT NULL,
    value        DOUBLE   NOT NULL,
    PRIMARY KEY (host_id, series_hash),
    CONSTRAINT fk_counter_state_host FOREIGN KEY (host_id) REFERENCES hosts (id)
) ENGINE = InnoDB;
