-- Vigil's database and least-privilege users, for MySQL 8 / MariaDB 10.6+.
-- Run once as an administrator:  mysql -u admin -p < infra/sql/create-database.sql
-- then set real passwords:       ALTER USER 'vigil_app'@'%' IDENTIFIED BY '...';  (and the others)

CREATE DATABASE IF NOT EXISTS vigil CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- The functions (ingest, evaluate, notify, housekeeping) and the local app. Flyway migrates the
-- schema at start and housekeeping adds and drops partitions, so DDL is granted, on this schema only.
CREATE USER IF NOT EXISTS 'vigil_app'@'%' IDENTIFIED BY 'change-me-app';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES
    ON vigil.* TO 'vigil_app'@'%';

-- Read-only access for dashboards (Grafana's MySQL data source, infra/grafana/vigil-dashboard.json).
CREATE USER IF NOT EXISTS 'vigil_grafana'@'%' IDENTIFIED BY 'change-me-grafana';
GRANT SELECT ON vigil.* TO 'vigil_grafana'@'%';

-- For the agent's optional mysql probe on a monitored server (run this on THAT server, not on
-- Vigil's database): it only connects, runs SELECT 1 and reads table sizes from information_schema.
-- Without a grant on a schema, information_schema hides that schema's tables, so grant SELECT on
-- each schema whose size should be reported (no data is read).
CREATE USER IF NOT EXISTS 'vigil_probe'@'%' IDENTIFIED BY 'change-me-probe' WITH MAX_USER_CONNECTIONS 2;
-- GRANT SELECT ON app_schema.* TO 'vigil_probe'@'%';

FLUSH PRIVILEGES;
