--liquibase formatted sql

--changeset amends:009-grant-usage
-- The usage rows (budget scope and month, agent and day) a grant was counted in, so that taking
-- it back subtracts exactly what it added. Grants carry a usage id: a single grant's own id, or
-- for campaign grants the id one credited chunk shares, so that a hundred thousand campaign
-- grants add a few dozen rows here rather than one or two each.
CREATE TABLE grant_usage (
    usage_id  VARCHAR(40) NOT NULL,
    kind      VARCHAR(10) NOT NULL,
    scope     VARCHAR(64) NOT NULL,
    period    VARCHAR(10) NOT NULL,
    PRIMARY KEY (usage_id, kind, scope, period)
);
ALTER TABLE grants ADD COLUMN usage_id VARCHAR(40);

-- The old encoded form, "budget|scope|month;agent|id|day", becomes rows under the grant's own id
-- (grants of a campaign made before this keep one set of rows each).
--changeset amends:009-grant-usage-backfill-postgresql dbms:postgresql
INSERT INTO grant_usage (usage_id, kind, scope, period)
SELECT DISTINCT id, split_part(usage_key, '|', 1), split_part(usage_key, '|', 2),
       substr(usage_key, length(split_part(usage_key, '|', 1)) + length(split_part(usage_key, '|', 2)) + 3)
  FROM (SELECT id, regexp_split_to_table(usage_keys, ';') AS usage_key FROM grants
         WHERE usage_keys IS NOT NULL AND usage_keys <> '') keys
 WHERE usage_key <> '';

--changeset amends:009-grant-usage-backfill-h2 dbms:h2
-- H2 has no function that makes rows of a list: a grant holds at most three keys, so read up to eight.
INSERT INTO grant_usage (usage_id, kind, scope, period)
SELECT DISTINCT id, REGEXP_SUBSTR(usage_key, '^[^|]*'), REGEXP_SUBSTR(usage_key, '^[^|]*\|([^|]*)\|', 1, 1, '', 1),
       REGEXP_REPLACE(usage_key, '^[^|]*\|[^|]*\|', '')
  FROM (SELECT g.id AS id, REGEXP_SUBSTR(g.usage_keys, '[^;]+', 1, n.X) AS usage_key
          FROM grants g CROSS JOIN SYSTEM_RANGE(1, 8) n
         WHERE g.usage_keys IS NOT NULL AND g.usage_keys <> '') keys
 WHERE usage_key IS NOT NULL;

--changeset amends:009-grant-usage-ids
-- Every single grant carries its own id, so that approving one made before this finds its rows.
UPDATE grants SET usage_id = id WHERE campaign_id IS NULL OR (usage_keys IS NOT NULL AND usage_keys <> '');
-- Read by nothing from now on; dropped so that no code can count by the old string again.
ALTER TABLE grants DROP COLUMN usage_keys;
