-- Refresh tokens, revocations (the denylist of access-token jtis and token families), signing-key publication
-- ahead of use, and the lock that makes a scheduled job run once across instances.
-- Portable across MySQL 8, MariaDB 10.11 and H2 in MySQL mode. Timestamps are stored in UTC.
--
-- Audit records are not stored here: they go, asynchronously, to the `getbill.audit` logger (see
-- io.getbill.server.audit.AuditTrail), so that recording them never costs a database write on the token path.

-- A key is published in the JWKS from created_at but signs only from activates_at, so that every instance has
-- loaded it before the first token it signs reaches them. NULL (keys of V1) means "active from created_at".
ALTER TABLE signing_keys ADD COLUMN activates_at DATETIME(6) NULL;

-- One row per refresh token ever issued (RFC 6749 §1.5, §6). The token itself is never stored: token_hash is the hex
-- HMAC-SHA-256 of it under a key derived from the master key, so the table alone cannot be used to refresh.
-- A token is single use (used), rotation keeps family_id, and revoking a family marks every row of it (revoked).
CREATE TABLE refresh_tokens (
    token_hash CHAR(64)      NOT NULL PRIMARY KEY,
    family_id  VARCHAR(32)   NOT NULL,
    client_id  VARCHAR(128)  NOT NULL,
    company_id VARCHAR(32)   NOT NULL,
    scope      VARCHAR(1024) NOT NULL,
    issued_at  DATETIME(6)   NOT NULL,
    expires_at DATETIME(6)   NOT NULL,
    used       BOOLEAN       NOT NULL DEFAULT FALSE,
    revoked    BOOLEAN       NOT NULL DEFAULT FALSE
);
-- revoking a family
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
-- clean-up of expired tokens
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);

-- The denylist: access tokens revoked by jti (kind 'access_token') and token families revoked by family id
-- (kind 'family', which also rejects every access token carrying that fid). seq orders the rows for the
-- incremental refresh every instance runs every second; a row is useless after expires_at and is cleaned up.
CREATE TABLE token_revocations (
    seq        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind       VARCHAR(16)  NOT NULL,
    token_id   VARCHAR(64)  NOT NULL,
    client_id  VARCHAR(128) NOT NULL,
    revoked_at DATETIME(6)  NOT NULL,
    expires_at DATETIME(6)  NOT NULL
);
-- "is this jti / family revoked?" (refresh grant, introspection)
CREATE INDEX ix_token_revocations_token ON token_revocations (token_id);
-- clean-up and the start-up load of live entries
CREATE INDEX ix_token_revocations_expires ON token_revocations (expires_at);

-- Table-based lock of scheduled jobs: an instance runs a job only if it moves locked_until forward with a
-- conditional UPDATE (... WHERE locked_until <= now) that affects one row.
CREATE TABLE scheduled_job_locks (
    job_name     VARCHAR(64) NOT NULL PRIMARY KEY,
    locked_until DATETIME(6) NOT NULL,
    locked_by    VARCHAR(64) NOT NULL
);
INSERT INTO scheduled_job_locks (job_name, locked_until, locked_by) VALUES ('expired-token-cleanup', '2000-01-01 00:00:00', '-');
INSERT INTO scheduled_job_locks (job_name, locked_until, locked_by) VALUES ('signing-key-rotation', '2000-01-01 00:00:00', '-');
