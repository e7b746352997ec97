package com.amends.testing;

import com.amends.auth.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * What every checkout test starts with: a shop's key, the checkout helper and a new customer,
 * on the server the parameterized class is running against.
 */
public abstract class CheckoutFixture {
    @Parameter
    protected TestServer server;

    protected Api shop;
    protected Checkout checkout;
    protected String customer;

    @BeforeEach
    void setUpCheckout() {
        shop = server.as(Role.STOREFRONT);
        checkout = new Checkout(server);
        customer = Bodies.newCustomer();
    }
}
