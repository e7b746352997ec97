--liquibase formatted sql

--changeset amends:002-default-reason-codes
-- The catalogue a new installation starts with; admins change it through /v1/reason-codes.
INSERT INTO reason_codes (code, name, category, active, suggested_reward, default_validity_days, created_at, updated_at) VALUES
('SHIPPING_DELAY',    'Parcel arrived late',                 'shipping',  TRUE, '{"points":500}', 365, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('LOST_PARCEL',       'Parcel lost in transit',              'shipping',  TRUE, '{"voucher":{"type":"amount","value":{"amount":1000,"currency":"EUR"}}}', 365, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('DAMAGED_ITEM',      'Item arrived damaged',                'product',   TRUE, '{"voucher":{"type":"amount","value":{"amount":1000,"currency":"EUR"}}}', 180, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('WRONG_ITEM',        'Wrong item sent',                     'fulfilment', TRUE, '{"voucher":{"type":"percent","percent_off":15,"max_discount":{"amount":2000,"currency":"EUR"}}}', 180, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('MISSING_ITEM',      'Item missing from the order',         'fulfilment', TRUE, '{"points":800}', 365, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('BILLING_ERROR',     'Charged wrongly',                     'billing',   TRUE, '{"voucher":{"type":"amount","value":{"amount":500,"currency":"EUR"}}}', 365, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('SERVICE_FAILURE',   'Poor service from us',                'service',   TRUE, '{"points":300}', 365, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('LONG_WAIT',         'Kept waiting for an answer',          'service',   TRUE, '{"points":200}', 365, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('PROACTIVE_APOLOGY', 'Apology before the customer noticed', 'proactive', TRUE, '{"points":500}', 90,  TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
