--liquibase formatted sql

--changeset amends:017-sums-by-month
-- The grants of the summed days that were spent, one narrow row per grant and unit, with the
-- seconds from the grant to its first redemption: the effectiveness report's median reads these
-- for the days of the months its period cuts (whole months come from outcome_months.firsts).
-- Written by the day-sums job, in the day's transaction, when it folds a grant's first redemption.
CREATE TABLE grant_firsts (
    grant_id          VARCHAR(40)  NOT NULL,
    unit              VARCHAR(8)   NOT NULL,
    granted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    reason_code       VARCHAR(50)  NOT NULL,
    category          VARCHAR(40),
    agent_id          VARCHAR(64)  NOT NULL,
    channel           VARCHAR(20)  NOT NULL,
    campaign_id       VARCHAR(40),
    seconds_to_first  BIGINT       NOT NULL,
    PRIMARY KEY (grant_id, unit)
);
CREATE INDEX grant_firsts_granted_at ON grant_firsts (granted_at);
-- The job finds the first redemptions of the day it folds by their time.
CREATE INDEX grant_outcomes_first_redeemed_at ON grant_outcomes (first_redeemed_at);

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

-- The grant outcomes of each month of grants, summed by group and unit: the effectiveness report
-- reads a year as twelve months of these (a few thousand rows) and, per grant, only the outcomes of
-- the months its period cuts; over a year of a million entries the outcomes are ~700,000 rows,
-- two seconds on H2 for each request. Unlike the day sums, a month of grants keeps changing as its
-- grants are spent, so the day-sums job moves each grant it folds out of its month and back in as
-- folded. The attributes that may be missing are '' here, so that a month's group is its key.
-- firsts lists the seconds from each grant of the group to its first redemption (comma-separated,
-- in the order the job met them), added to as the job folds first redemptions: the median needs
-- every value, and a year read as a few thousand lists costs far less than its ~240,000 rows of
-- grant_firsts (half a second a request on H2).
CREATE TABLE outcome_months (
    granted_month  DATE         NOT NULL,
    reason_code    VARCHAR(50)  NOT NULL,
    category       VARCHAR(40)  NOT NULL,
    agent_id       VARCHAR(64)  NOT NULL,
    channel        VARCHAR(20)  NOT NULL,
    campaign_id    VARCHAR(40)  NOT NULL,
    unit           VARCHAR(8)   NOT NULL,
    grants         BIGINT       NOT NULL,
    issued         BIGINT       NOT NULL,
    redeemed       BIGINT       NOT NULL,
    firsts         CHARACTER VARYING NOT NULL DEFAULT '',
    PRIMARY KEY (granted_month, reason_code, category, agent_id, channel, campaign_id, unit)
);

-- Every day is summed again from the journal, as 012 did, so that the days, months and grants
-- already summed get their rows here. The job does it one day per transaction; until it has caught
-- up, reports read the days it has not reached from their postings, so answers stay the same.
DELETE FROM day_sums;
DELETE FROM grant_outcomes;
UPDATE day_sums_state SET summed_through = NULL WHERE id = 1;
