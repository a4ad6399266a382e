-- Alert lifecycle (written by evaluate), its event log (read by notify), silences, and leases
-- that keep overlapping scheduled runs (Lambda can overlap) from doing the same work twice.

CREATE TABLE alerts (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    -- hex SHA-256/128 of (rule, host, labels); stable across episodes of the same condition
    fingerprint         CHAR(32)      NOT NULL,
    -- equals fingerprint while pending or firing, NULL once resolved: at most one open alert per fingerprint
    open_fingerprint    CHAR(32)      NULL,
    rule                VARCHAR(128)  NOT NULL,
    host_id             INT           NULL,
    host                VARCHAR(253)  NOT NULL,
    labels              TEXT          NOT NULL,
    severity            VARCHAR(16)   NOT NULL,
    state               VARCHAR(16)   NOT NULL,
    value               DOUBLE        NULL,
    threshold           DOUBLE        NULL,
    summary             TEXT          NULL,
    runbook             TEXT          NULL,
    -- when the condition first held (pending since); firing_at when the `for` duration was met
    starts_at           BIGINT        NOT NULL,
    firing_at           BIGINT        NULL,
    ends_at             BIGINT        NULL,
    updated_at          BIGINT        NOT NULL,
    -- set for predictive rules: when the series is expected to reach its level
    predicted_at        BIGINT        NULL,
    acknowledged_at     BIGINT        NULL,
    acknowledged_by     VARCHAR(128)  NULL,
    silenced            BOOLEAN       NOT NULL DEFAULT FALSE,
    inhibited           BOOLEAN       NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id),
    CONSTRAINT uq_alerts_open_fingerprint UNIQUE (open_fingerprint)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_alerts_state ON alerts (state, severity);
CREATE INDEX ix_alerts_host ON alerts (host, state);
CREATE INDEX ix_alerts_fingerprint ON alerts (fingerprint);

-- Append-only: one row per state or severity change. Notify reads rows after its cursor.
CREATE TABLE alert_events (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    alert_id    BIGINT       NOT NULL,
    -- PENDING, FIRING, SEVERITY_CHANGED, RESOLVED, ACKNOWLEDGED
    kind        VARCHAR(24)  NOT NULL,
    severity    VARCHAR(16)  NOT NULL,
    value       DOUBLE       NULL,
    at          BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_alert_events_alert FOREIGN KEY (alert_id) REFERENCES alerts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_alert_events_alert ON alert_events (alert_id);

CREATE TABLE silences (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    -- JSON object of label name -> exact value; `host` and `rule`/`alertname` match those fields
    matchers    TEXT          NOT NULL,
    starts_at   BIGINT        NOT NULL,
    ends_at     BIGINT        NOT NULL,
    -- recurring maintenance window: a cron expression and how long each window lasts
    cron        VARCHAR(128)  NULL,
    duration_ms BIGINT        NULL,
    comment     TEXT          NULL,
    created_by  VARCHAR(128)  NULL,
    created_at  BIGINT        NOT NULL,
    expired_at  BIGINT        NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE leases (
    name        VARCHAR(64)   NOT NULL,
    holder      VARCHAR(128)  NULL,
    expires_at  BIGINT        NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
