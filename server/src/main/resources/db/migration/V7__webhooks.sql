-- Webhooks: the endpoints a company registers, one delivery per (event, endpoint) fanned out from outbox_events,
-- and one log row per delivery attempt. Portable MySQL 8 / MariaDB 10.11 / H2 (MySQL mode).

CREATE TABLE webhook_endpoints (
    id            VARCHAR(32)   NOT NULL PRIMARY KEY,
    company_id    VARCHAR(32)   NOT NULL,
    url           VARCHAR(2048) NOT NULL,
    description   VARCHAR(255)  NULL,
    -- subscribed event types, wire names separated by commas (e.g. "debt.created,debt.deleted")
    event_types   VARCHAR(512)  NOT NULL,
    enabled       BOOLEAN       NOT NULL,
    -- the signing secret sealed with SecretBox under the master key (never stored in plain text)
    secret_sealed VARCHAR(255)  NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    CONSTRAINT fk_webhook_endpoints_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_endpoints_company ON webhook_endpoints (company_id, created_at);

-- One row per event to deliver to one endpoint. A worker claims due rows by setting lease_until_ms/leased_by in one
-- conditional UPDATE; a lease that expires (its instance died) makes the row claimable again.
-- Times here are epoch milliseconds (BIGINT): the back-off and leases work at sub-second precision, and
-- mysql-connector-j drops the fractional seconds of a bound TIMESTAMP when it talks to MariaDB (it sees "MySQL 5.5").
CREATE TABLE webhook_deliveries (
    id              VARCHAR(32)  NOT NULL PRIMARY KEY,
    company_id      VARCHAR(32)  NOT NULL,
    event_id        VARCHAR(40)  NOT NULL,
    event_type      VARCHAR(40)  NOT NULL,
    endpoint_id     VARCHAR(32)  NOT NULL,
    -- pending (to be attempted at next_attempt_ms), delivered, failed (gave up after the retry horizon),
    -- cancelled (the endpoint was disabled before the attempt)
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_ms BIGINT       NOT NULL,
    lease_until_ms  BIGINT       NULL,
    leased_by       VARCHAR(64)  NULL,
    created_ms      BIGINT       NOT NULL,
    updated_ms      BIGINT       NOT NULL,
    CONSTRAINT uq_webhook_deliveries_event_endpoint UNIQUE (event_id, endpoint_id),
    CONSTRAINT fk_webhook_deliveries_event FOREIGN KEY (event_id) REFERENCES outbox_events (id) ON DELETE CASCADE,
    CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_ms);
CREATE INDEX ix_webhook_deliveries_lease ON webhook_deliveries (leased_by);
CREATE INDEX ix_webhook_deliveries_updated ON webhook_deliveries (updated_ms);

-- The delivery log: one row per attempt, kept when the endpoint is deleted (hence no foreign key to it).
CREATE TABLE webhook_attempts (
    id           VARCHAR(32)   NOT NULL PRIMARY KEY,
    company_id   VARCHAR(32)   NOT NULL,
    delivery_id  VARCHAR(32)   NOT NULL,
    event_id     VARCHAR(40)   NOT NULL,
    event_type   VARCHAR(40)   NOT NULL,
    endpoint_id  VARCHAR(32)   NOT NULL,
    endpoint_url VARCHAR(2048) NOT NULL,
    attempt      INT           NOT NULL,
    -- success | failure
    outcome      VARCHAR(8)    NOT NULL,
    status_code  INT           NULL,
    latency_ms   INT           NOT NULL,
    error        VARCHAR(1024) NULL,
    created_at   DATETIME(6)   NOT NULL,
    CONSTRAINT fk_webhook_attempts_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_attempts_company ON webhook_attempts (company_id, created_at);
CREATE INDEX ix_webhook_attempts_company_latency ON webhook_attempts (company_id, latency_ms);
CREATE INDEX ix_webhook_attempts_created ON webhook_attempts (created_at);
