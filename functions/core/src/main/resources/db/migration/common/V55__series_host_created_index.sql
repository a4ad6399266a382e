-- Per-host series limits count a host's series created in the last minute (issue 11): an index on
-- (host_id, created_at) answers that from the index alone.
CREATE INDEX ix_series_host_created ON series (host_id, created_at);
