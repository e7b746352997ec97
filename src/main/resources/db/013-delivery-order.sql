--liquibase formatted sql

--changeset amends:013-delivery-order
-- The delivery worker claims due deliveries in (next_attempt_at, event_seq) order, a few hundred
-- at a time. With the index ending at next_attempt_at, H2 read every pending delivery, tested
-- each against its queue and sorted them all for each claim: 20,000 pending deliveries of a
-- campaign made a claim cost 70 to 200 ms and the worker spend most of its time there. With
-- event_seq in the index the order is the index's, and a claim reads about as many rows as it takes.
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at, event_seq);
