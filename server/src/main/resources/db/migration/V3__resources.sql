-- Debtors, creditors, debts, followups and idempotency keys (issue 4).
-- Portable across MySQL 8, MariaDB 10.11 (descending index keys need 10.8+) and H2 in MySQL mode.
-- Timestamps are stored in UTC; money is DECIMAL(14,2), never floating point; ids are random opaque strings.
-- Every table carries company_id and every query filters by it: it leads every secondary index.
-- The search_* columns hold the lower-cased text that the case-insensitive prefix search compares, so that the
-- search does not depend on the database's collation.

CREATE TABLE debtors (
    id            VARCHAR(32)  NOT NULL PRIMARY KEY,
    company_id    VARCHAR(32)  NOT NULL,
    first_name    VARCHAR(100) NOT NULL,
    last_name     VARCHAR(100) NOT NULL,
    email         VARCHAR(255) NULL,
    -- lower-cased email: debts are matched to debtors by E.164 phone, then by email (case-insensitive)
    email_key     VARCHAR(255) NULL,
    phone         VARCHAR(32)  NULL,
    address       VARCHAR(500) NULL,
    date_of_birth DATE         NULL,
    first_seen_at DATETIME(6)  NOT NULL,
    last_seen_at  DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    CONSTRAINT fk_debtors_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE,
    CONSTRAINT uq_debtors_phone UNIQUE (company_id, phone),
    CONSTRAINT uq_debtors_email UNIQUE (company_id, email_key)
);
-- GET /debtors: most recently seen first, ties by id
CREATE INDEX ix_debtors_last_seen ON debtors (company_id, last_seen_at DESC, id);

CREATE TABLE creditors (
    id                  VARCHAR(32)  NOT NULL PRIMARY KEY,
    company_id          VARCHAR(32)  NOT NULL,
    name                VARCHAR(255) NOT NULL,
    -- lower-cased name: a debt's company joins the creditor of that name (case-insensitive)
    name_key            VARCHAR(255) NOT NULL,
    email               VARCHAR(255) NULL,
    phone               VARCHAR(32)  NULL,
    address             VARCHAR(500) NULL,
    city                VARCHAR(100) NULL,
    postal_code         VARCHAR(20)  NULL,
    country             VARCHAR(100) NULL,
    registration_number VARCHAR(64)  NULL,
    tax_number          VARCHAR(64)  NULL,
    contact_person      VARCHAR(255) NULL,
    created_at          DATETIME(6)  NOT NULL,
    updated_at          DATETIME(6)  NOT NULL,
    CONSTRAINT fk_creditors_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE,
    CONSTRAINT uq_creditors_name UNIQUE (company_id, name_key)
);
-- GET /creditors: newest first, ties by id
CREATE INDEX ix_creditors_created ON creditors (company_id, created_at DESC, id);

CREATE TABLE debts (
    id                    VARCHAR(32)   NOT NULL PRIMARY KEY,
    company_id            VARCHAR(32)   NOT NULL,
    debtor_id             VARCHAR(32)   NOT NULL,
    creditor_id           VARCHAR(32)   NULL,
    import_id             VARCHAR(32)   NULL,
    status                VARCHAR(16)   NOT NULL,
    currency              CHAR(3)       NOT NULL,
    amount                DECIMAL(14,2) NOT NULL,
    civility              VARCHAR(2)    NULL,
    firstname             VARCHAR(100)  NOT NULL,
    lastname              VARCHAR(100)  NOT NULL,
    phone                 VARCHAR(32)   NULL,
    email                 VARCHAR(255)  NULL,
    birthdate             DATE          NULL,
    -- the API's "object": what the debt is for
    subject               VARCHAR(255)  NULL,
    internal_id           VARCHAR(100)  NULL,
    invoice_reference     VARCHAR(100)  NULL,
    debtor_reference      VARCHAR(100)  NULL,
    invoice_date          DATE          NULL,
    due_date              DATE          NULL,
    address               VARCHAR(500)  NULL,
    street_address        VARCHAR(255)  NULL,
    street_number         VARCHAR(32)   NULL,
    postal_code           VARCHAR(20)   NULL,
    city                  VARCHAR(100)  NULL,
    country               VARCHAR(100)  NULL,
    iban                  VARCHAR(34)   NULL,
    company               VARCHAR(255)  NULL,
    debtor_company        VARCHAR(255)  NULL,
    payment_link          VARCHAR(2048) NULL,
    summary               VARCHAR(2000) NULL,
    metadata_json         TEXT          NOT NULL,
    timeline_id           VARCHAR(64)   NULL,
    nb_reminders          INT           NOT NULL DEFAULT 0,
    nb_answered           INT           NOT NULL DEFAULT 0,
    followups_count       INT           NOT NULL DEFAULT 0,
    payment_plan_active   BOOLEAN       NOT NULL DEFAULT FALSE,
    plan_start_date       DATE          NULL,
    last_timeline_restart DATETIME(6)   NULL,
    search_internal_id    VARCHAR(100)  NULL,
    search_firstname      VARCHAR(100)  NOT NULL,
    search_lastname       VARCHAR(100)  NOT NULL,
    search_object         VARCHAR(255)  NULL,
    created_at            DATETIME(6)   NOT NULL,
    updated_at            DATETIME(6)   NOT NULL,
    CONSTRAINT fk_debts_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
-- The list partners run most: status + currency + created range, newest first (ties by id), one page. Equality on
-- the first three columns, a range on created_at read in index order, so LIMIT stops after one page; amount at the
-- end makes the statistics' GROUP BY status, currency an index-only scan.
CREATE INDEX ix_debts_status_currency_created ON debts (company_id, status, currency, created_at DESC, id, amount);
-- Every other debt list in the default order (no filter, or filters the index above cannot serve).
CREATE INDEX ix_debts_created ON debts (company_id, created_at DESC, id);
-- GET /debts/by-debtor/{id}, GET /debts/by-creditor/{id}, and the debtor and creditor totals.
CREATE INDEX ix_debts_debtor ON debts (company_id, debtor_id, created_at DESC, id);
CREATE INDEX ix_debts_creditor ON debts (company_id, creditor_id, created_at DESC, id);
-- search: a case-insensitive prefix match on each of these (LIKE 'prefix%' is an index range on each).
CREATE INDEX ix_debts_search_internal_id ON debts (company_id, search_internal_id);
CREATE INDEX ix_debts_search_firstname ON debts (company_id, search_firstname);
CREATE INDEX ix_debts_search_lastname ON debts (company_id, search_lastname);
CREATE INDEX ix_debts_search_object ON debts (company_id, search_object);

CREATE TABLE followups (
    id                    VARCHAR(32)   NOT NULL PRIMARY KEY,
    company_id            VARCHAR(32)   NOT NULL,
    debt_id               VARCHAR(32)   NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    type                  VARCHAR(16)   NOT NULL,
    call_date             DATETIME(6)   NULL,
    scheduled_at          DATETIME(6)   NULL,
    -- call_date when set, else scheduled_at: what date_from / date_to filter on
    followup_date         DATETIME(6)   NULL,
    summary               TEXT          NULL,
    notes                 TEXT          NULL,
    call_id               VARCHAR(128)  NULL,
    audio_url             VARCHAR(2048) NULL,
    pdf_url               VARCHAR(2048) NULL,
    duration_ms           INT           NULL,
    disconnection_reason  VARCHAR(64)   NULL,
    direction             VARCHAR(8)    NULL,
    phone_number_used     VARCHAR(32)   NULL,
    is_retry              BOOLEAN       NOT NULL DEFAULT FALSE,
    processed_at          DATETIME(6)   NULL,
    triggered_payment     BOOLEAN       NOT NULL DEFAULT FALSE,
    email_opened          BOOLEAN       NOT NULL DEFAULT FALSE,
    email_open_count      INT           NOT NULL DEFAULT 0,
    email_first_opened_at DATETIME(6)   NULL,
    email_clicked         BOOLEAN       NOT NULL DEFAULT FALSE,
    email_click_count     INT           NOT NULL DEFAULT 0,
    created_at            DATETIME(6)   NOT NULL,
    updated_at            DATETIME(6)   NOT NULL,
    CONSTRAINT fk_followups_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
-- GET /followups: newest first, ties by id
CREATE INDEX ix_followups_created ON followups (company_id, created_at DESC, id);
-- GET /followups/debt/{id}, the debt's counters, and deleting a debt's followups
CREATE INDEX ix_followups_debt ON followups (company_id, debt_id, created_at DESC, id);
-- date_from / date_to
CREATE INDEX ix_followups_date ON followups (company_id, followup_date);
-- statistics: GROUP BY type, GROUP BY status (index-only)
CREATE INDEX ix_followups_type_status ON followups (company_id, type, status);

-- Idempotency-Key records: one per (OAuth client, operation, key), kept 24 hours. A row is 'in_progress' while the
-- first request runs (until locked_until, after which a crashed request's key can be taken over) and 'completed'
-- with the answer to replay once it succeeded.
CREATE TABLE idempotency_keys (
    client_id       VARCHAR(128) NOT NULL,
    operation       VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    company_id      VARCHAR(32)  NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    response_status INT          NULL,
    response_body   MEDIUMTEXT   NULL,
    locked_until    DATETIME(6)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    expires_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (client_id, operation, idempotency_key)
);
-- the scheduled clean-up of expired keys
CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
