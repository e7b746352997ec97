--liquibase formatted sql

--changeset amends:016-audit-links
-- The chain's links, one narrow row per sealed event. Sealing used to fill chain_position and hash
-- on the event row itself; on PostgreSQL that update could not be HOT (chain_position is indexed),
-- so every event was written twice in full (its before and after states) with an entry in each of
-- its indexes twice. A link row is written once and the event row is never touched again.
-- No foreign key to audit_events: a link must outlive its event deleted behind the API's back, so
-- that the chain's walk can name the position of the deleted event.
CREATE TABLE audit_links (
    chain_position  BIGINT       PRIMARY KEY,
    event_seq       BIGINT       NOT NULL UNIQUE,
    hash            VARCHAR(64)  NOT NULL
);
INSERT INTO audit_links (chain_position, event_seq, hash)
    SELECT chain_position, seq, hash FROM audit_events WHERE chain_position IS NOT NULL;

-- What the sealer finds next (see AuditChain): events after last_seq each pass, and, once a
-- candidate has settled, events at or below candidate_seq that it passed over because they
-- committed after a later one was sealed (scan_from..candidate_seq). A null candidate_at starts a
-- candidate at the next pass; an event not sealed before this migration is in the first sweep.
ALTER TABLE audit_chain ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_chain ADD COLUMN scan_from BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_chain ADD COLUMN candidate_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_chain ADD COLUMN candidate_at TIMESTAMP WITH TIME ZONE;
UPDATE audit_chain SET last_seq = COALESCE((SELECT MAX(event_seq) FROM audit_links), 0);
UPDATE audit_chain SET
    candidate_seq = last_seq,
    scan_from = LEAST(last_seq,
        COALESCE((SELECT MIN(seq) - 1 FROM audit_events WHERE chain_position IS NULL), last_seq));

--changeset amends:016-audit-events-unchained
-- The links hold an event's place in the chain and its hash now (016-audit-links).
ALTER TABLE audit_events DROP COLUMN chain_position;
ALTER TABLE audit_events DROP COLUMN hash;
