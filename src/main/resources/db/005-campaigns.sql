--liquibase formatted sql

--changeset amends:005-campaigns
CREATE TABLE campaigns (
    id               VARCHAR(40)   PRIMARY KEY,
    name             VARCHAR(200)  NOT NULL,
    incident_ref     VARCHAR(100)  NOT NULL,
    reason_code      VARCHAR(50)   NOT NULL REFERENCES reason_codes (code),
    category         VARCHAR(40)   NOT NULL,
    agent_id         VARCHAR(64)   NOT NULL,
    reward           VARCHAR(1000) NOT NULL,
    unit_value       BIGINT,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    cost_cap         BIGINT,
    message_subject  VARCHAR(200),
    message_body     VARCHAR(4000),
    status           VARCHAR(10)   NOT NULL,
    received         BIGINT        NOT NULL DEFAULT 0,
    credited         BIGINT        NOT NULL DEFAULT 0,
    skipped          BIGINT        NOT NULL DEFAULT 0,
    failed           BIGINT        NOT NULL DEFAULT 0,
    api_key_id       VARCHAR(40)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    closed_at        TIMESTAMP WITH TIME ZONE,
    -- revoke-unused asks the worker to revoke, grant by grant, what nobody has spent.
    revoke_requested_at  TIMESTAMP WITH TIME ZONE,
    revoke_finished_at   TIMESTAMP WITH TIME ZONE,
    revoked_grants       BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE campaign_batches (
    id           VARCHAR(40) PRIMARY KEY,
    campaign_id  VARCHAR(40) NOT NULL REFERENCES campaigns (id),
    row_count    INTEGER     NOT NULL,
    status       VARCHAR(10) NOT NULL,
    lease_owner  VARCHAR(36),
    lease_until  TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX campaign_batches_status ON campaign_batches (status, created_at);

-- Every row received, with what became of it; queued rows are what is left to credit.
CREATE TABLE campaign_recipients (
    batch_id     VARCHAR(40)  NOT NULL REFERENCES campaign_batches (id),
    line         INTEGER      NOT NULL,
    campaign_id  VARCHAR(40)  NOT NULL,
    customer_id  VARCHAR(100) NOT NULL,
    order_ref    VARCHAR(100),
    status       VARCHAR(20)  NOT NULL,
    detail       VARCHAR(200),
    grant_id     VARCHAR(40),
    PRIMARY KEY (batch_id, line)
);
-- No index on status: settling a row would then rewrite an index entry as well as the row;
-- a chunk finds its queued rows by walking the batch in line order through the primary key.

--changeset amends:005-campaign-grants
ALTER TABLE grants ADD COLUMN campaign_id VARCHAR(40);
-- A customer gets at most one grant per campaign, whatever reaches the server twice. Customer
-- first: a chunk asks "which of these 1,000 customers has this campaign credited?", an IN list
-- that only an index led by customer_id answers without reading the whole campaign.
CREATE UNIQUE INDEX grants_campaign_customer ON grants (customer_id, campaign_id);
