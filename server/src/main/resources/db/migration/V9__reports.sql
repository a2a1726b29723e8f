-- Reports (issue 5): generated in the background, stored in the database so that any instance can serve the file.
-- Portable across MySQL 8, MariaDB 10.11 and H2 in MySQL mode. Timestamps in UTC; periods are calendar days.

CREATE TABLE reports (
    id             VARCHAR(32)   NOT NULL PRIMARY KEY,
    company_id     VARCHAR(32)   NOT NULL,
    type           VARCHAR(16)   NOT NULL,
    format         VARCHAR(8)    NOT NULL,
    title          VARCHAR(255)  NOT NULL,
    description    VARCHAR(1000) NULL,
    period_from    DATE          NOT NULL,
    period_to      DATE          NOT NULL,
    -- generating -> completed | failed
    status         VARCHAR(16)   NOT NULL,
    failure_reason VARCHAR(500)  NULL,
    mime_type      VARCHAR(64)   NOT NULL,
    filename       VARCHAR(255)  NULL,
    file_size      BIGINT        NULL,
    -- the file itself (at most 16 MiB: MEDIUMBLOB on MySQL/MariaDB, a BLOB on H2)
    content        MEDIUMBLOB    NULL,
    -- 'monthly:YYYY-MM:<type>' for scheduled reports: with the unique key below a re-run cannot duplicate them
    schedule_key   VARCHAR(64)   NULL,
    -- the company user who asked for it (admin API); NULL for scheduled reports
    requested_by   VARCHAR(32)   NULL,
    -- the worker holding a generating report until lease_until; an expired lease is taken over by any instance
    lease_owner    VARCHAR(64)   NULL,
    lease_until    DATETIME(6)   NULL,
    attempts       INT           NOT NULL DEFAULT 0,
    generated_at   DATETIME(6)   NULL,
    created_at     DATETIME(6)   NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    CONSTRAINT fk_reports_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE,
    CONSTRAINT uq_reports_schedule UNIQUE (company_id, schedule_key)
);
-- GET /reports: newest first, ties by id
CREATE INDEX ix_reports_created ON reports (company_id, created_at DESC, id);
-- the worker's scan for generating reports whose lease has expired
CREATE INDEX ix_reports_status_lease ON reports (status, lease_until);

-- Every use of a signed download link, refused ones included. No foreign key: a tampered link may name any id.
CREATE TABLE report_access_log (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    report_id       VARCHAR(64)   NOT NULL,
    -- the report's company when the report exists
    company_id      VARCHAR(32)   NULL,
    -- served | forbidden | expired | not_found
    outcome         VARCHAR(16)   NOT NULL,
    link_expires_at DATETIME(6)   NULL,
    remote_address  VARCHAR(64)   NULL,
    user_agent      VARCHAR(255)  NULL,
    request_id      VARCHAR(128)  NULL,
    accessed_at     DATETIME(6)   NOT NULL
);
CREATE INDEX ix_report_access_log_report ON report_access_log (report_id, accessed_at);
