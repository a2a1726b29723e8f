-- Admin API sessions of company users (see io.getbill.server.admin). Stored in the database so that any instance
-- serves any session and a logout takes effect everywhere at once. Portable across MySQL 8, MariaDB 10.11 and H2.
CREATE TABLE admin_sessions (
    -- hex HMAC-SHA-256(master key, session token): the cookie's 256 random bits are never stored
    id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id           VARCHAR(32)  NOT NULL,
    company_id        VARCHAR(32)  NOT NULL,
    -- the CSRF synchronizer token sealed with AES-256-GCM under the master key (returned by GET /session)
    csrf_token_sealed VARCHAR(255) NOT NULL,
    created_at        DATETIME(6)  NOT NULL,
    -- the idle timeout runs from here; refreshed at most once a minute
    last_seen_at      DATETIME(6)  NOT NULL,
    -- created_at + absolute lifetime: the session ends then whatever happens
    expires_at        DATETIME(6)  NOT NULL,
    CONSTRAINT fk_admin_sessions_user FOREIGN KEY (user_id) REFERENCES company_users (id) ON DELETE CASCADE,
    CONSTRAINT fk_admin_sessions_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
CREATE INDEX ix_admin_sessions_user ON admin_sessions (user_id);
CREATE INDEX ix_admin_sessions_expires ON admin_sessions (expires_at);
CREATE INDEX ix_admin_sessions_last_seen ON admin_sessions (last_seen_at);
