-- Time-series storage: a series dictionary maps (host, metric, labels) to a compact id, so each
-- sample row is only (series_id, ts, value) and a range scan per series walks one index range.

CREATE TABLE hosts (
    id            INT          NOT NULL AUTO_INCREMENT,
    name          VARCHAR(253) NOT NULL,
    token_hash    CHAR(64)     NULL,
    created_at    BIGINT       NOT NULL,
    last_seen_at  BIGINT       NULL,
    revoked_at    BIGINT       NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_hosts_name UNIQUE (name),
    CONSTRAINT uq_hosts_token_hash UNIQUE (token_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE series (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    host_id      INT          NOT NULL,
    metric       VARCHAR(128) NOT NULL,
    labels       TEXT         NOT NULL,
    -- hex of the first 128 bits of SHA-256(metric, canonical labels): a fixed-width unique key
    series_hash  CHAR(32)     NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_series_host_hash UNIQUE (host_id, series_hash),
    CONSTRAINT fk_series_host FOREIGN KEY (host_id) REFERENCES hosts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_series_metric_host ON series (metric, host_id);

CREATE TABLE samples (
    series_id  BIGINT NOT NULL,
    ts         BIGINT NOT NULL,
    value      DOUBLE NOT NULL,
    PRIMARY KEY (series_id, ts)
) ENGINE = InnoDB;

-- One row per series, upserted by every write: "current value" questions never scan history.
CREATE TABLE latest_values (
    series_id  BIGINT NOT NULL,
    ts         BIGINT NOT NULL,
    value      DOUBLE NOT NULL,
    PRIMARY KEY (series_id)
) ENGINE = InnoDB;
