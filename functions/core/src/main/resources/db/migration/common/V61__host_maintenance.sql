-- Host maintenance (POST/DELETE /api/v1/hosts/{name}/maintenance): each maintenance is a silence on
-- {host: name}; this row marks that silence as the host's maintenance so the host list and the overview
-- can say "in maintenance" until the silence ends or is expired.
CREATE TABLE host_maintenance (
    silence_id  BIGINT        NOT NULL,
    host        VARCHAR(253)  NOT NULL,
    started_by  VARCHAR(128)  NOT NULL,
    comment     TEXT          NULL,
    PRIMARY KEY (silence_id),
    KEY idx_host_maintenance_host (host, silence_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
