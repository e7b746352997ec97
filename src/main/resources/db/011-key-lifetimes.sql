--liquibase formatted sql

--changeset amends:011-key-lifetimes
-- A key may expire; rolling it makes a new secret and keeps the one before valid for an overlap,
-- so an integration moves to the new secret without a gap. Only hashes are kept, as for the first.
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_keys ADD COLUMN rolled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_keys ADD COLUMN previous_secret_hash VARCHAR(64);
ALTER TABLE api_keys ADD COLUMN previous_secret_until TIMESTAMP WITH TIME ZONE;
-- The key's own rate limit, over its role's; both NULL for the role's.
ALTER TABLE api_keys ADD COLUMN rate_limit_per_second INTEGER;
ALTER TABLE api_keys ADD COLUMN rate_limit_burst INTEGER;
