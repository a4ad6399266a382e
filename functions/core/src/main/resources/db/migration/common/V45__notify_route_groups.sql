-- Notify v2 (block V45-V49): groups per (route, group key) as in Alertmanager, and a notification
-- log that knows at which severity each receiver was told and whether it heard the resolution.
-- notify_pending, notify_cursor and notify_group (per host) are no longer read: notify now plans
-- from the alerts' current state at every flush, so a muted alert stays pending for its route.

-- One row per aggregation group: a route (its position in the tree) and the values of its group_by labels.
CREATE TABLE notify_route_group (
    -- hex SHA-256/128 of group_key: group keys can be longer than an index allows
    key_hash    CHAR(32)      NOT NULL,
    -- Alertmanager's form: {}/{severity="critical"}/0:{host="db-01"}
    group_key   VARCHAR(1000) NOT NULL,
    -- when the group last sent new firing alerts, and the highest severity in that message
    notified_at BIGINT        NOT NULL,
    severity    VARCHAR(16)   NOT NULL,
    PRIMARY KEY (key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The severity a receiver was last told (a change announces the alert again), and when it was told
-- the episode ended (NULL while that is still owed).
ALTER TABLE notify_log ADD COLUMN severity VARCHAR(16) NULL;
ALTER TABLE notify_log ADD COLUMN resolved_at BIGINT NULL;
CREATE INDEX ix_notify_log_alert ON notify_log (alert_id);

-- When the last delivery attempt of an item ended (for GET /api/v1/receivers).
ALTER TABLE notify_outbox ADD COLUMN last_attempt_at BIGINT NULL;

-- Episodes that ended before this version were told (or dropped) by the old planner: nothing is owed.
UPDATE notify_log SET resolved_at = notified_at
 WHERE alert_id IN (SELECT id FROM alerts WHERE state = 'resolved');
