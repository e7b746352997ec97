--liquibase formatted sql

--changeset amends:008-goodwill-totals
-- Running totals of the goodwill each customer received, so that a wallet, a grant's answer and
-- a cap check cost the same for a customer with ten grants as for one with a hundred thousand.
-- Lifetime totals count issued and revoked grants, by unit: 'points', a currency code for amount
-- vouchers, 'none' for rewards without an amount (percent vouchers).
CREATE TABLE goodwill_totals (
    customer_id  VARCHAR(64) NOT NULL,
    unit         VARCHAR(10) NOT NULL,
    grants       BIGINT      NOT NULL,
    amount       BIGINT      NOT NULL,
    PRIMARY KEY (customer_id, unit)
);
-- What counts against the customer cap and the 90-day view: issued and pending grants, by the
-- UTC day they were made, at their value in the accounting currency. A window that starts inside
-- a day reads that day's grants from the grants table, through grants_customer_time.
CREATE TABLE goodwill_days (
    customer_id   VARCHAR(64) NOT NULL,
    granted_on    DATE        NOT NULL,
    grants        BIGINT      NOT NULL,
    value_amount  BIGINT      NOT NULL,
    PRIMARY KEY (customer_id, granted_on)
);
CREATE INDEX grants_customer_time ON grants (customer_id, created_at);
-- A grant asks whether its case is compensated already: without this it read every grant of the customer.
CREATE INDEX grants_customer_case ON grants (customer_id, case_ref);

INSERT INTO goodwill_totals (customer_id, unit, grants, amount)
SELECT customer_id, unit, COUNT(*), SUM(amount) FROM (
    SELECT g.customer_id AS customer_id,
           CASE WHEN g.points IS NOT NULL THEN 'points' WHEN v.type = 'amount' THEN v.currency ELSE 'none' END AS unit,
           CASE WHEN g.points IS NOT NULL THEN g.points WHEN v.type = 'amount' THEN v.initial_amount ELSE 0 END AS amount
      FROM grants g LEFT JOIN vouchers v ON v.grant_id = g.id
     WHERE g.status IN ('issued', 'revoked')) given
GROUP BY customer_id, unit;

--changeset amends:008-goodwill-days-postgresql dbms:postgresql
INSERT INTO goodwill_days (customer_id, granted_on, grants, value_amount)
SELECT customer_id, granted_on, COUNT(*), COALESCE(SUM(value_amount), 0) FROM (
    SELECT customer_id, CAST(created_at AT TIME ZONE 'UTC' AS DATE) AS granted_on, value_amount
      FROM grants WHERE status IN ('issued', 'pending_approval')) counted
GROUP BY customer_id, granted_on;

--changeset amends:008-goodwill-days-h2 dbms:h2
-- H2 casts a timestamp to a date in the JVM's time zone whatever its offset, so the day is formatted in UTC.
INSERT INTO goodwill_days (customer_id, granted_on, grants, value_amount)
SELECT customer_id, granted_on, COUNT(*), COALESCE(SUM(value_amount), 0) FROM (
    SELECT customer_id, CAST(FORMATDATETIME(created_at, 'yyyy-MM-dd', 'en', 'UTC') AS DATE) AS granted_on, value_amount
      FROM grants WHERE status IN ('issued', 'pending_approval')) counted
GROUP BY customer_id, granted_on;

--changeset amends:008-open-lots
-- A lot's expiry while it still holds points, NULL once it is empty: spending, the wallet and
-- the expiry worker read only the lots that can still move, not a customer's history of spent ones.
ALTER TABLE point_lots ADD COLUMN open_until TIMESTAMP WITH TIME ZONE;
UPDATE point_lots SET open_until = expires_at WHERE remaining > 0;
CREATE INDEX point_lots_open ON point_lots (customer_id, open_until, id);
CREATE INDEX point_lots_open_due ON point_lots (open_until);
DROP INDEX point_lots_customer;
DROP INDEX point_lots_due;
