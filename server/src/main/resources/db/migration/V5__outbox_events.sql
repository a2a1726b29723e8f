-- The transactional outbox: every domain event is written in the same transaction as the change that caused it
-- (see EventOutbox). The envelope is stored exactly as it will be delivered, so every delivery attempt of an event
-- sends the same bytes with the same id, and a signature can be recomputed at any time.
CREATE TABLE outbox_events (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    company_id    VARCHAR(32)  NOT NULL,
    type          VARCHAR(40)  NOT NULL,
    -- the JSON envelope {id, type, created_at, company_id, data, changes?}
    envelope      MEDIUMTEXT   NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    -- set once the event has been fanned out to the subscribed endpoints (by the webhook dispatcher)
    dispatched_at DATETIME(6)  NULL,
    CONSTRAINT fk_outbox_events_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
);
CREATE INDEX ix_outbox_events_pending ON outbox_events (dispatched_at, created_at);
CREATE INDEX ix_outbox_events_company ON outbox_events (company_id, created_at);
