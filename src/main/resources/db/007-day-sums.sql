--liquibase formatted sql

--changeset amends:007-entry-time
-- Reports and the journal export find a period's entries by their time.
CREATE INDEX journal_entries_time ON journal_entries (created_at);

--changeset amends:007-day-sums
-- The postings of each closed UTC day, summed once. The journal is append-only and is written at
-- the present time, so a day that has ended never changes; reports read these sums for whole
-- closed days and the postings only for the open edges of their period. Customer wallets and
-- holds collapse into 'wallet:' and 'hold:', so a day is a few hundred rows whatever its traffic.
CREATE TABLE day_sums (
    posted_on    DATE         NOT NULL,
    account_id   VARCHAR(100) NOT NULL,
    wallet       BOOLEAN      NOT NULL,
    unit         VARCHAR(8)   NOT NULL,
    reason_code  VARCHAR(50),
    category     VARCHAR(40),
    agent_id     VARCHAR(64),
    channel      VARCHAR(20),
    campaign_id  VARCHAR(40),
    amount       BIGINT       NOT NULL
);
CREATE INDEX day_sums_posted_on ON day_sums (posted_on);

-- The last day summed; null until the first report sums the days before it.
CREATE TABLE day_sums_state (
    id              INTEGER PRIMARY KEY,
    summed_through  DATE
);
INSERT INTO day_sums_state (id, summed_through) VALUES (1, NULL);
