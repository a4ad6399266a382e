-- Steering block (V60-V64). The audit trail: every change made through the API, who made it (the
-- token's name; the configured admin token is `admin`), what, on what, and the state before and after
-- as JSON with every secret left out. Read newest first (GET /api/v1/audit).
CREATE TABLE audit_events (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    at            BIGINT        NOT NULL,
    who           VARCHAR(128)  NOT NULL,
    -- dotted action, e.g. host.register, token.delete, silence.create, maintenance.start
    what          VARCHAR(64)   NOT NULL,
    target        VARCHAR(300)  NOT NULL,
    before_state  TEXT          NULL,
    after_state   TEXT          NULL,
    PRIMARY KEY (id),
    KEY idx_audit_events_at (at),
    KEY idx_audit_events_who (who, at),
    KEY idx_audit_events_what (what, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
