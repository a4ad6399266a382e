-- Tokens block (V65-V69). Named API tokens with a role (admin, viewer, writer). Only the SHA-256 of a
-- token is stored, as for host tokens; the configured admin token is not a row (it stays in config).
CREATE TABLE api_tokens (
    id            INT          NOT NULL AUTO_INCREMENT,
    name          VARCHAR(64)  NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    token_hash    CHAR(64)     NOT NULL,
    created_at    BIGINT       NOT NULL,
    last_used_at  BIGINT       NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_api_tokens_name UNIQUE (name),
    CONSTRAINT uq_api_tokens_token_hash UNIQUE (token_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
