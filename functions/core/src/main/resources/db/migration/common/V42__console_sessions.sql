-- Console block (V42-V44). Browser sessions of the web console. Only the SHA-256 of the session secret
-- (the cookie) is stored, and with it the SHA-256 of the token that signed in, so a session ends as soon
-- as its token is revoked. Rows expire; sign-out deletes its row, sign-in removes expired ones.
CREATE TABLE console_sessions (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    session_hash     CHAR(64)     NOT NULL,
    credential_hash  CHAR(64)     NOT NULL,
    created_at       BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_console_sessions_hash UNIQUE (session_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_console_sessions_expires ON console_sessions (expires_at);
