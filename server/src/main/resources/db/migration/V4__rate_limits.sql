-- Per-client, per-request-class, per-minute request counts shared by every instance (see RateLimiter).
CREATE TABLE rate_limit_counters (
    client_id     VARCHAR(128) NOT NULL,
    request_class CHAR(1)      NOT NULL,
    bucket        BIGINT       NOT NULL,
    hits          BIGINT       NOT NULL,
    PRIMARY KEY (client_id, request_class, bucket)
);
CREATE INDEX ix_rate_limit_counters_bucket ON rate_limit_counters (bucket);
