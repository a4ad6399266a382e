-- What each scheduled run (evaluate, notify, housekeeping, maintenance) did and when: the
-- "monitoring the monitor" checks read the newest successful run of each job.
CREATE TABLE job_runs (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    job          VARCHAR(32)   NOT NULL,
    started_at   BIGINT        NOT NULL,
    finished_at  BIGINT        NOT NULL,
    ok           BOOLEAN       NOT NULL,
    -- short JSON or text: counts, partitions, bytes, or the error
    details      TEXT          NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_job_runs_job ON job_runs (job, finished_at);
