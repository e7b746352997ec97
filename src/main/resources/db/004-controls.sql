--liquibase formatted sql

-- Limits, caps and budgets are money in the accounting currency (minor units); see Policies.java.

--changeset amends:004-policies
CREATE TABLE limit_policies (
    scope        VARCHAR(80) PRIMARY KEY,
    max_grant    BIGINT,
    daily_total  BIGINT,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE customer_caps (
    id           INTEGER PRIMARY KEY,
    amount       BIGINT  NOT NULL,
    window_days  INTEGER NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE budgets (
    scope       VARCHAR(60) PRIMARY KEY,
    amount      BIGINT      NOT NULL,
    mode        VARCHAR(4)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What is committed (issued or pending) per budget scope and month, and per agent and day.
-- Grants update these rows in their own transaction; the row lock is what keeps two grants
-- racing for the last of a hard budget from both getting it.
CREATE TABLE budget_usage (
    scope      VARCHAR(60) NOT NULL,
    budget_month  VARCHAR(7)  NOT NULL,
    committed     BIGINT      NOT NULL,
    PRIMARY KEY (scope, budget_month)
);

CREATE TABLE agent_usage (
    agent_id   VARCHAR(64) NOT NULL,
    usage_day  VARCHAR(10) NOT NULL,
    committed  BIGINT      NOT NULL,
    PRIMARY KEY (agent_id, usage_day)
);

--changeset amends:004-grant-controls
ALTER TABLE grants ADD COLUMN value_amount BIGINT;
ALTER TABLE grants ADD COLUMN category VARCHAR(40);
ALTER TABLE grants ADD COLUMN top_up BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE grants ADD COLUMN reward VARCHAR(1000);
ALTER TABLE grants ADD COLUMN approval_reasons VARCHAR(4000);
ALTER TABLE grants ADD COLUMN decided_by VARCHAR(64);
ALTER TABLE grants ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE grants ADD COLUMN decision_note VARCHAR(500);
-- The usage rows this grant was counted in, so a rejection or expiry takes back exactly those.
ALTER TABLE grants ADD COLUMN usage_keys VARCHAR(400);
-- The case and cap checks read one customer's grants through grants_customer; no index of their
-- own, since every index is one more write for each of a campaign's hundred thousand grants.
