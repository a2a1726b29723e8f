-- Companies (tenants), their users, their OAuth clients, and the server's signing keys.
-- Portable across MySQL 8, MariaDB 10.11 and H2 in MySQL mode. Timestamps are stored in UTC.

CREATE TABLE companies (
    id                      VARCHAR(32)  NOT NULL PRIMARY KEY,
    name                    VARCHAR(255) NOT NULL,
    email                   VARCHAR(255) NOT NULL,
    phone                   VARCHAR(32)  NULL,
    credits                 BIGINT       NOT NULL DEFAULT 0,
    plan                    VARCHAR(64)  NOT NULL DEFAULT 'Professional',
    subscription_status     VARCHAR(32)  NOT NULL DEFAULT 'active',
    subscription_expires_at DATETIME(6)  NULL,
    created_at              DATETIME(6)  NOT NULL,
    updated_at              DATETIME(6)  NOT NULL,
    CONSTRAINT uq_companies_name UNIQUE (name)
);

CREATE TABLE company_users (
    id               VARCHAR(32)  NOT NULL PRIMARY KEY,
    company_id       VARCHAR(32)  NOT NULL,
    email            VARCHAR(255) NOT NULL,
    password_hash    VARCHAR(255) NOT NULL,
    firstname        VARCHAR(100) NULL,
    lastname         VARCHAR(100) NULL,
    role             VARCHAR(16)  NOT NULL,
    active           BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at       DATETIME(6)  NOT NULL,
    last_activity_at DATETIME(6)  NULL,
    CONSTRAINT uq_company_users_email UNIQUE (email),
    CONSTRAINT fk_company_users_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
CREATE INDEX ix_company_users_company ON company_users (company_id, created_at);

CREATE TABLE oauth_clients (
    client_id                  VARCHAR(128)  NOT NULL PRIMARY KEY,
    company_id                 VARCHAR(32)   NOT NULL,
    name                       VARCHAR(255)  NOT NULL,
    -- hex HMAC-SHA-256(master key, secret); never the secret itself
    secret_hash                CHAR(64)      NOT NULL,
    previous_secret_hash       CHAR(64)      NULL,
    previous_secret_expires_at DATETIME(6)   NULL,
    grant_types                VARCHAR(255)  NOT NULL,
    scopes                     VARCHAR(1024) NOT NULL,
    reads_per_hour             INT           NOT NULL DEFAULT 1000,
    writes_per_hour            INT           NOT NULL DEFAULT 500,
    enabled                    BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at                 DATETIME(6)   NOT NULL,
    last_used_at               DATETIME(6)   NULL,
    CONSTRAINT fk_oauth_clients_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
CREATE INDEX ix_oauth_clients_company ON oauth_clients (company_id);

CREATE TABLE signing_keys (
    kid                VARCHAR(64)  NOT NULL PRIMARY KEY,
    alg                VARCHAR(16)  NOT NULL,
    public_jwk         TEXT         NOT NULL,
    -- the private JWK sealed with AES-256-GCM under a key derived from the master key
    private_jwk_sealed TEXT         NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    -- after retired_at the key no longer signs; after expires_at it leaves the JWKS
    retired_at         DATETIME(6)  NULL,
    expires_at         DATETIME(6)  NULL
);
