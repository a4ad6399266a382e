-- Second round, shared by evaluate, notify and the API (each adds its own migrations in its own
-- block: evaluate V41-V44, notify V45-V49, API V50-V54, ingest limits V55-V59, local V60-V64).

-- Host labels (team, env, ...): a JSON object, set at registration or replaced by the API.
ALTER TABLE hosts ADD COLUMN labels TEXT NULL;

-- The host's labels as evaluation last saw them; not part of the fingerprint, so relabelling a
-- host does not restart its alerts. Silences, inhibitions and routes match on them.
ALTER TABLE alerts ADD COLUMN host_labels TEXT NULL;
-- The value and threshold as a person reads them, in the rule's unit ("3.2 GiB free", "no data for 2m 4s").
ALTER TABLE alerts ADD COLUMN value_text VARCHAR(128) NULL;
ALTER TABLE alerts ADD COLUMN threshold_text VARCHAR(128) NULL;
-- Why a resolved alert ended: recovered | no_data; and the sentence messages show
-- ("back to 71.2% (threshold 90%)", "no data since 14:02 UTC (last value 93.1%)").
ALTER TABLE alerts ADD COLUMN resolution VARCHAR(16) NULL;
ALTER TABLE alerts ADD COLUMN resolution_text VARCHAR(512) NULL;
-- A URL only (runbook prose stays in `runbook`).
ALTER TABLE alerts ADD COLUMN runbook_url VARCHAR(2048) NULL;

-- A short human detail for the timeline (the resolution sentence, who acknowledged).
ALTER TABLE alert_events ADD COLUMN detail VARCHAR(512) NULL;

-- Notification history: which alerts each outbox item told about, and to whom (secrets redacted).
ALTER TABLE notify_outbox ADD COLUMN target VARCHAR(512) NULL;
CREATE TABLE notify_outbox_alert (
    outbox_id  BIGINT NOT NULL,
    alert_id   BIGINT NOT NULL,
    PRIMARY KEY (outbox_id, alert_id)
) ENGINE = InnoDB;
CREATE INDEX ix_notify_outbox_alert_alert ON notify_outbox_alert (alert_id);
CREATE INDEX ix_notify_outbox_receiver ON notify_outbox (receiver, created_at);
