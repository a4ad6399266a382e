-- API block (V50-V54). Why an alert was acknowledged ("on it, ticket OPS-123"), as sent with the ack.
ALTER TABLE alerts ADD COLUMN acknowledged_comment VARCHAR(1000) NULL;
