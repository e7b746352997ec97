--liquibase formatted sql

--changeset amends:017-grant-firsts
-- The grants of the summed days that were spent, one narrow row per grant and unit, with the
-- seconds from the grant to its first redemption: the effectiveness report's median reads these
-- (a year of a million entries is about 240,000 rows) rather than every grant's outcome. The
-- median cannot be summed ahead, so each request reads the values; on H2 a narrow table read in
-- its own order takes a sixth of the time of the same rows found in grant_outcomes. Written by the
-- day-sums job, in the day's transaction, when it folds a grant's first redemption.
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

INSERT INTO grant_firsts (grant_id, unit, granted_at, reason_code, category, agent_id, channel, campaign_id,
                          seconds_to_first)
    SELECT grant_id, unit, granted_at, reason_code, category, agent_id, channel, campaign_id, seconds_to_first
      FROM grant_outcomes WHERE seconds_to_first IS NOT NULL;
