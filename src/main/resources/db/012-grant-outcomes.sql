--liquibase formatted sql

--changeset amends:012-grant-outcomes
-- What each grant came to in each unit over the summed days, folded in by the day-sums job in
-- the transaction of each day's sums: the effectiveness report reads one row per grant instead of
-- grouping a year of postings by grant, and only the open tail after summed_through from postings.
-- The grant's attributes are copied so that the report joins nothing. A grant with no posting on
-- the day it is issued (a percent voucher costs nothing until spent) gets a row in the unit ''
-- with nothing issued, so that it is still counted among the period's grants. counted is 1 on one
-- row of each grant, so the report counts grants by a sum rather than a COUNT(DISTINCT), which
-- doubles the cost of the report's pass over a year of rows on H2.
CREATE TABLE grant_outcomes (
    grant_id           VARCHAR(40)  NOT NULL,
    unit               VARCHAR(8)   NOT NULL,
    granted_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    reason_code        VARCHAR(50)  NOT NULL,
    category           VARCHAR(40),
    agent_id           VARCHAR(64)  NOT NULL,
    channel            VARCHAR(20)  NOT NULL,
    campaign_id        VARCHAR(40),
    issued             BIGINT       NOT NULL,
    redeemed           BIGINT       NOT NULL,
    first_redeemed_at  TIMESTAMP WITH TIME ZONE,
    seconds_to_first   BIGINT,
    counted            SMALLINT     NOT NULL,
    PRIMARY KEY (grant_id, unit)
);
CREATE INDEX grant_outcomes_granted_at ON grant_outcomes (granted_at);

-- Summed days are re-derived from the journal rather than backfilled here: the job sums them
-- again, one day per transaction, and fills grant_outcomes as it goes. Until it has caught up,
-- reports read the days it has not reached from their postings, so answers stay the same.
DELETE FROM day_sums;
UPDATE day_sums_state SET summed_through = NULL WHERE id = 1;
