-- Notify's state: how far it has read alert_events, alerts waiting out their group wait, the
-- outbox it delivers from (at least once, claimed by one runner at a time), and the
-- notification log (what each receiver was told about each fingerprint) for repeats and dedup.

CREATE TABLE notify_cursor (
    name          VARCHAR(32)  NOT NULL,
    last_event_id BIGINT       NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per alert event waiting for its host's group wait to pass.
CREATE TABLE notify_pending (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    event_id   BIGINT       NOT NULL,
    alert_id   BIGINT       NOT NULL,
    host       VARCHAR(253) NOT NULL,
    -- FIRING (also for SEVERITY_CHANGED) or RESOLVED
    kind       VARCHAR(16)  NOT NULL,
    staged_at  BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_notify_pending_event UNIQUE (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_notify_pending_host ON notify_pending (host, staged_at);

CREATE TABLE notify_outbox (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    receiver        VARCHAR(64)   NOT NULL,
    group_key       VARCHAR(300)  NOT NULL,
    -- FIRING, RESOLVED, REPEAT, ESCALATION
    kind            VARCHAR(16)   NOT NULL,
    -- JSON snapshot of the grouped alerts, taken when the item was planned
    payload         MEDIUMTEXT    NOT NULL,
    -- PENDING until SENT or DEAD (retry budget spent or a permanent error)
    status          VARCHAR(8)    NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at BIGINT        NOT NULL,
    claimed_by      VARCHAR(64)   NULL,
    claim_until     BIGINT        NULL,
    created_at      BIGINT        NOT NULL,
    sent_at         BIGINT        NULL,
    last_error      VARCHAR(1000) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_notify_outbox_due ON notify_outbox (status, next_attempt_at);

-- Keyed (receiver, fingerprint) like Alertmanager's nflog; alert_id tells which episode.
CREATE TABLE notify_log (
    receiver     VARCHAR(64)  NOT NULL,
    fingerprint  CHAR(32)     NOT NULL,
    alert_id     BIGINT       NOT NULL,
    notified_at  BIGINT       NOT NULL,
    PRIMARY KEY (receiver, fingerprint)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
