package com.amends.bench.load;

/**
 * What the scenarios do, against the server over HTTP or against the same endpoints' code
 * in-process (the database ceiling). Customers and vouchers are those the seeding made.
 */
public interface Target {
    Outcome validate(String code) throws Exception;

    Outcome redeemPoints(String customerId, long points) throws Exception;

    Outcome redeemVoucher(String code, long cents) throws Exception;

    Outcome grantPoints(String customerId, String agentId, long points) throws Exception;
}
