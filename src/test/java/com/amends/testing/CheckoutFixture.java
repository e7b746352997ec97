package com.amends.testing;

import com.amends.auth.Role;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every checkout test starts with: a shop's key, the checkout helper and a new customer,
 * on a server of the class's own ({@code @MethodSource("com.amends.testing.Servers#fresh")}),
 * because checkout tests move the clock past holds and expiries.
 */
public abstract class CheckoutFixture extends OwnServerFixture {
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
