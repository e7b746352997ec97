--liquibase formatted sql

--changeset amends:003-redemptions
CREATE TABLE redemptions (
    id           VARCHAR(40)  PRIMARY KEY,
    kind         VARCHAR(10)  NOT NULL,
    customer_id  VARCHAR(64)  NOT NULL REFERENCES customers (id),
    voucher_id   VARCHAR(40),
    hold_id      VARCHAR(40),
    order_ref    VARCHAR(100) NOT NULL,
    unit         VARCHAR(8)   NOT NULL,
    amount       BIGINT       NOT NULL,
    reversed     BIGINT       NOT NULL DEFAULT 0,
    order_total  BIGINT,
    -- What the points were worth in the order's currency at the time, when it was given.
    value_amount    BIGINT,
    value_currency  VARCHAR(3),
    api_key_id   VARCHAR(40)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT redemptions_reversed_in_range CHECK (reversed >= 0 AND reversed <= amount)
);
CREATE INDEX redemptions_customer ON redemptions (customer_id, id);
CREATE INDEX redemptions_voucher ON redemptions (voucher_id);

-- Which lots a points redemption took from, so a refund returns to the same lots.
CREATE TABLE redemption_lots (
    redemption_id  VARCHAR(40) NOT NULL REFERENCES redemptions (id),
    lot_id         VARCHAR(40) NOT NULL REFERENCES point_lots (id),
    points         BIGINT      NOT NULL,
    reversed       BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (redemption_id, lot_id),
    CONSTRAINT redemption_lots_reversed_in_range CHECK (reversed >= 0 AND reversed <= points)
);

CREATE TABLE reversals (
    id              VARCHAR(40) PRIMARY KEY,
    redemption_id   VARCHAR(40) NOT NULL REFERENCES redemptions (id),
    unit            VARCHAR(8)  NOT NULL,
    amount          BIGINT      NOT NULL,
    expired_amount  BIGINT      NOT NULL,
    reason          VARCHAR(500),
    api_key_id      VARCHAR(40) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reversals_redemption ON reversals (redemption_id);

--changeset amends:003-holds
CREATE TABLE holds (
    id              VARCHAR(40)  PRIMARY KEY,
    kind            VARCHAR(10)  NOT NULL,
    customer_id     VARCHAR(64)  NOT NULL REFERENCES customers (id),
    voucher_id      VARCHAR(40),
    order_ref       VARCHAR(100) NOT NULL,
    unit            VARCHAR(8)   NOT NULL,
    amount          BIGINT       NOT NULL,
    order_total     BIGINT,
    status          VARCHAR(20)  NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    api_key_id      VARCHAR(40)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at       TIMESTAMP WITH TIME ZONE,
    captured        BIGINT,
    redemption_id   VARCHAR(40)
);
CREATE INDEX holds_status_expiry ON holds (status, expires_at);
CREATE INDEX holds_customer ON holds (customer_id, status);

-- The lots a points hold reserved; they go back to their lots on release.
CREATE TABLE hold_lots (
    hold_id  VARCHAR(40) NOT NULL REFERENCES holds (id),
    lot_id   VARCHAR(40) NOT NULL REFERENCES point_lots (id),
    points   BIGINT      NOT NULL,
    PRIMARY KEY (hold_id, lot_id)
);

--changeset amends:003-expiry-indexes
CREATE INDEX point_lots_due ON point_lots (expires_at, remaining);
CREATE INDEX vouchers_due ON vouchers (status, expires_at);
