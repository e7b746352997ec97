--liquibase formatted sql

--changeset amends:018-month-sums
-- The day sums of each whole month, summed again by month: a year's report reads twelve months of
-- these and the days of the months it cuts, instead of every day's rows (a day is about 1,800 rows
-- at a million entries a year: a year of day sums took H2 most of a second to read, for each of the
-- dashboard's requests). A month is summed in the transaction that sums its last day, so it is
-- there exactly when day_sums_state.summed_through has reached its last day.
CREATE TABLE month_sums (
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
CREATE INDEX month_sums_posted_on ON month_sums (posted_on);

-- The months already summed by day get their sums as 012 got its outcomes: every day is summed
-- again, one day per transaction, by the job. Until it has caught up, reports read the days it has
-- not reached from their postings, so answers stay the same.
DELETE FROM day_sums;
DELETE FROM grant_outcomes;
DELETE FROM grant_firsts;
UPDATE day_sums_state SET summed_through = NULL WHERE id = 1;
