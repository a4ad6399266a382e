-- Log watch: the last matching lines an agent sends with log_matches_total (POST /api/v1/log-lines),
-- shown in LogPatternMatched alerts and GET /api/v1/hosts/{name}/log-lines. Kept for
-- vigil.ingest.log-lines.retention (housekeeping) and capped per host at ingest.
CREATE TABLE log_lines (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    host_id      INT           NOT NULL,
    log_name     VARCHAR(64)   NOT NULL,
    pattern      VARCHAR(64)   NOT NULL,
    severity     VARCHAR(16)   NOT NULL,
    -- when the agent read the line (epoch ms); received_at is when ingest stored it (retention runs on it)
    ts           BIGINT        NOT NULL,
    received_at  BIGINT        NOT NULL,
    line         VARCHAR(1000) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_log_lines_host (host_id, id),
    KEY idx_log_lines_recent (host_id, log_name, pattern, ts),
    KEY idx_log_lines_received (received_at),
    CONSTRAINT fk_log_lines_host FOREIGN KEY (host_id) REFERENCES hosts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
