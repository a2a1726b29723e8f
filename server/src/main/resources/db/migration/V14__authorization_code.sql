-- The authorization code flow (RFC 6749 §4.1, RFC 7636): client redirect URIs and token-endpoint authentication
-- method, user sessions of the sign-in pages, pending authorization requests, codes, remembered consents, and the user
-- behind a refresh-token family. Portable across MySQL 8, MariaDB 10.11 and H2 in MySQL mode. Timestamps in UTC.

-- Registered redirect URIs, one per line, compared by exact string (see io.getbill.server.oauth.authorization.RedirectUris).
ALTER TABLE oauth_clients ADD COLUMN redirect_uris TEXT NULL;
-- client_secret_basic | client_secret_post | none (a public client: no secret)
ALTER TABLE oauth_clients ADD COLUMN token_endpoint_auth_method VARCHAR(32) NOT NULL DEFAULT 'client_secret_basic';
ALTER TABLE oauth_clients MODIFY secret_hash CHAR(64) NULL;

-- The company user a refresh-token family acts for (NULL for client-credentials families).
ALTER TABLE refresh_tokens ADD COLUMN user_id VARCHAR(32) NULL;
-- withdrawing a consent revokes the client's families of that user
CREATE INDEX ix_refresh_tokens_client_user ON refresh_tokens (client_id, user_id);

-- Sessions of company users on the sign-in, consent and account pages (cookie getbill_session). Like admin_sessions:
-- only the keyed hash of the cookie's 256 random bits is stored.
CREATE TABLE user_sessions (
    id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id           VARCHAR(32)  NOT NULL,
    company_id        VARCHAR(32)  NOT NULL,
    -- the session's anti-forgery token for the account forms, sealed with AES-256-GCM under the master key
    csrf_token_sealed VARCHAR(255) NOT NULL,
    created_at        DATETIME(6)  NOT NULL,
    last_seen_at      DATETIME(6)  NOT NULL,
    expires_at        DATETIME(6)  NOT NULL,
    CONSTRAINT fk_user_sessions_user FOREIGN KEY (user_id) REFERENCES company_users (id) ON DELETE CASCADE
);
CREATE INDEX ix_user_sessions_expires ON user_sessions (expires_at);

-- Pending authorization requests: what GET /authorize was asked, kept 10 minutes under a random id of which only the
-- keyed hash is stored. client_id is NULL for a sign-in that is not for a client (the account page). error holds a
-- problem that is answered to the client only after the user has signed in. csrf_hash is the keyed hash of the
-- single-use token of the form currently shown; session_id the user session the request is bound to once signed in.
CREATE TABLE authorization_requests (
    id_hash           CHAR(64)      NOT NULL PRIMARY KEY,
    client_id         VARCHAR(128)  NULL,
    redirect_uri      VARCHAR(1024) NULL,
    scope             VARCHAR(1024) NULL,
    state             VARCHAR(1024) NULL,
    code_challenge    VARCHAR(128)  NULL,
    error             VARCHAR(64)   NULL,
    error_description VARCHAR(255)  NULL,
    session_id        VARCHAR(64)   NULL,
    csrf_hash         CHAR(64)      NULL,
    completed         BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at        DATETIME(6)   NOT NULL,
    expires_at        DATETIME(6)   NOT NULL
);
CREATE INDEX ix_authorization_requests_expires ON authorization_requests (expires_at);

-- Authorization codes: only the keyed hash of the code's 256 random bits. redeemed_at is set by one conditional
-- UPDATE (... AND redeemed_at IS NULL), which makes a code single-use under concurrency; family_id names the token
-- family issued from it (every access token from it carries it as fid), so that a replay revokes them all.
CREATE TABLE authorization_codes (
    code_hash      CHAR(64)      NOT NULL PRIMARY KEY,
    client_id      VARCHAR(128)  NOT NULL,
    user_id        VARCHAR(32)   NOT NULL,
    company_id     VARCHAR(32)   NOT NULL,
    scope          VARCHAR(1024) NOT NULL,
    redirect_uri   VARCHAR(1024) NOT NULL,
    code_challenge VARCHAR(128)  NOT NULL,
    issued_at      DATETIME(6)   NOT NULL,
    expires_at     DATETIME(6)   NOT NULL,
    redeemed_at    DATETIME(6)   NULL,
    family_id      VARCHAR(32)   NULL
);
CREATE INDEX ix_authorization_codes_client_user ON authorization_codes (client_id, user_id);
CREATE INDEX ix_authorization_codes_expires ON authorization_codes (expires_at);

-- Remembered consents: the scopes a user granted a client. Withdrawing deletes the row.
CREATE TABLE user_consents (
    user_id    VARCHAR(32)   NOT NULL,
    client_id  VARCHAR(128)  NOT NULL,
    scope      VARCHAR(1024) NOT NULL,
    granted_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (user_id, client_id),
    CONSTRAINT fk_user_consents_user FOREIGN KEY (user_id) REFERENCES company_users (id) ON DELETE CASCADE,
    CONSTRAINT fk_user_consents_client FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id) ON DELETE CASCADE
);
