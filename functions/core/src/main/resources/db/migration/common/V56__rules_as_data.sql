-- Rules-as-data block (V56-V59). Rules created through the API, every version they went through, the
-- per-host threshold overrides, and one revision counter every change bumps: each function compares the
-- counter once per cycle and re-reads the rest only when it moved.
CREATE TABLE api_rules (
    name        VARCHAR(128) NOT NULL,
    version     INT          NOT NULL,
    body        TEXT         NOT NULL,
    updated_at  BIGINT       NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- body NULL: the rule was deleted in this version
CREATE TABLE api_rule_versions (
    name        VARCHAR(128) NOT NULL,
    version     INT          NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    body        TEXT         NULL,
    changed_at  BIGINT       NOT NULL,
    changed_by  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (name, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE host_rule_overrides (
    host        VARCHAR(253) NOT NULL,
    rule        VARCHAR(128) NOT NULL,
    warning     DOUBLE       NULL,
    critical    DOUBLE       NULL,
    for_millis  BIGINT       NULL,
    disabled    BOOLEAN      NULL,
    updated_at  BIGINT       NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (host, rule)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE rules_revision (
    id        INT    NOT NULL,
    revision  BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO rules_revision (id, revision) VALUES (1, 0);
