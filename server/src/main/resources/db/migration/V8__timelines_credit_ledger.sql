-- Timelines (a company's collection plans), the followups they schedule, and the credit ledger (issue 5, item 3).
-- Portable across MySQL 8, MariaDB 10.11 and H2 in MySQL mode. Timestamps are stored in UTC.

CREATE TABLE timelines (
    id                VARCHAR(32)  NOT NULL PRIMARY KEY,
    company_id        VARCHAR(32)  NOT NULL,
    name              VARCHAR(100) NOT NULL,
    -- immediate | next_day: used when the debt does not say (its timeline_start_mode wins)
    start_mode        VARCHAR(16)  NOT NULL,
    -- ISO day numbers (1 = Monday ... 7 = Sunday), comma-separated, ascending; empty when none
    excluded_weekdays VARCHAR(16)  NOT NULL,
    -- ISO dates (YYYY-MM-DD), comma-separated, ascending; empty when none. Read and written whole.
    public_holidays   TEXT         NOT NULL,
    active            BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at        DATETIME(6)  NOT NULL,
    updated_at        DATETIME(6)  NOT NULL,
    CONSTRAINT fk_timelines_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE,
    CONSTRAINT uq_timelines_name UNIQUE (company_id, name)
);

-- The ordered steps of a timeline; replaced as a whole when the timeline is updated.
CREATE TABLE timeline_steps (
    timeline_id VARCHAR(32)   NOT NULL,
    position    INT           NOT NULL,
    channel     VARCHAR(16)   NOT NULL,
    day_offset  INT           NOT NULL,
    message     VARCHAR(2000) NULL,
    PRIMARY KEY (timeline_id, position),
    CONSTRAINT fk_timeline_steps_timeline FOREIGN KEY (timeline_id) REFERENCES timelines (id) ON DELETE CASCADE
);

-- A followup scheduled by a timeline names it and the step; status_reason says why a followup was cancelled or
-- failed (debt_paid, insufficient_credits, ...), and credits_spent what its execution cost.
ALTER TABLE followups ADD COLUMN timeline_id VARCHAR(32) NULL;
ALTER TABLE followups ADD COLUMN timeline_step INT NULL;
ALTER TABLE followups ADD COLUMN status_reason VARCHAR(255) NULL;
ALTER TABLE followups ADD COLUMN credits_spent INT NULL;
-- The executor's scan for due steps, across companies: status = 'scheduled' AND scheduled_at <= now.
CREATE INDEX ix_followups_due ON followups (status, scheduled_at);
-- A timeline's pending steps (delete refuses a timeline in use).
CREATE INDEX ix_followups_timeline ON followups (timeline_id, status);

-- Every change of a company's credits by the platform: a spend (negative) when a step is executed, a refund
-- (positive) when its channel failed. balance_after is the balance right after the change, in the same transaction.
CREATE TABLE credit_ledger (
    id            VARCHAR(32)  NOT NULL PRIMARY KEY,
    company_id    VARCHAR(32)  NOT NULL,
    entry_type    VARCHAR(16)  NOT NULL,
    credits       BIGINT       NOT NULL,
    balance_after BIGINT       NOT NULL,
    channel       VARCHAR(16)  NULL,
    followup_id   VARCHAR(32)  NULL,
    debt_id       VARCHAR(32)  NULL,
    reason        VARCHAR(255) NULL,
    created_at    DATETIME(6)  NOT NULL,
    CONSTRAINT fk_credit_ledger_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
-- GET /company/credits: what was spent this month, per channel
CREATE INDEX ix_credit_ledger_company_created ON credit_ledger (company_id, created_at);
