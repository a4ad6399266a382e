-- When each host's group was last notified of new firing alerts, and the highest severity in that
-- message: new alerts within the group interval (Alertmanager's group_interval) wait for the next
-- group message instead of each starting a group wait of their own, unless they raise the severity
-- (which reaches more receivers, like a new route group in Alertmanager).
CREATE TABLE notify_group (
    host        VARCHAR(253) NOT NULL,
    notified_at BIGINT       NOT NULL,
    severity    VARCHAR(16)  NOT NULL,
    PRIMARY KEY (host)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
