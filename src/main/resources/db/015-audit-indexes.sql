--liquibase formatted sql

--changeset amends:015-audit-time-brin dbms:postgresql
-- Every audit event is written with each change, so each of its indexes costs every change a
-- B-tree entry and its WAL. The time index serves only the audit list's from/to filter, and the
-- planner uses it only for a narrow range far back (a recent range reads the primary key
-- backwards). Events are written in time order, so a BRIN index (a summary per block range,
-- kilobytes for millions of rows, not touched by most inserts) serves that range as well.
-- H2 has no BRIN and no write-ahead log to spare: it keeps its B-tree.
DROP INDEX audit_events_time;
CREATE INDEX audit_events_time ON audit_events USING BRIN (occurred_at);

--changeset amends:015-audit-id-unique dbms:postgresql
-- No query looks an audit event up by its id (the list pages by seq, the chain by position, a
-- redaction names the id in its own indexed table), and ids are ULIDs made by Ids, 80 random
-- bits under the millisecond: the unique index only cost every change a B-tree entry.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_id_key;
