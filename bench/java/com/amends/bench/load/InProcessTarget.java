package com.amends.bench.load;

import com.amends.AmendsApplication;
import com.amends.auth.Caller;
import com.amends.grant.Channel;
import com.amends.grant.CreateGrantRequest;
import com.amends.grant.GrantResource;
import com.amends.platform.ApiException;
import com.amends.platform.Money;
import com.amends.redemption.PointsRedemptionRequest;
import com.amends.redemption.PointsRedemptionResource;
import com.amends.redemption.VoucherRedemptionRequest;
import com.amends.redemption.VoucherRedemptionResource;
import com.amends.voucher.VoucherResource;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The database ceiling: the endpoints' own code, called in-process on the objects the server
 * wired, without HTTP, Jersey or JSON in between. Each call authenticates its key as the
 * server's filter does and then calls the resource method, so it issues the same SQL in the
 * same transactions (idempotency claim, effect, stored answer) as the request it stands for.
 */
public final class InProcessTarget implements Target {
    private final AmendsApplication app;
    private final HttpTarget.Keys keys;
    private final VoucherResource vouchers;
    private final PointsRedemptionResource pointsRedemptions;
    private final VoucherRedemptionResource voucherRedemptions;
    private final GrantResource grants;

    public InProcessTarget(AmendsApplication app, HttpTarget.Keys keys) {
        this.app = app;
        this.keys = keys;
        this.vouchers = app.resource(VoucherResource.class);
        this.pointsRedemptions = app.resource(PointsRedemptionResource.class);
        this.voucherRedemptions = app.resource(VoucherRedemptionResource.class);
        this.grants = app.resource(GrantResource.class);
    }

    @Override
    public Outcome validate(String code) {
        Caller caller = authenticate(keys.storefront());
        return outcome(() -> {
            vouchers.validate(caller, code, null, null);
            return null;
        });
    }

    @Override
    public Outcome redeemPoints(String customerId, long points) {
        Caller caller = authenticate(keys.storefront());
        return outcome(() -> pointsRedemptions.redeemPoints(caller, customerId, UUID.randomUUID().toString(),
                new PointsRedemptionRequest("order-" + UUID.randomUUID(), points, null)));
    }

    @Override
    public Outcome redeemVoucher(String code, long cents) {
        Caller caller = authenticate(keys.storefront());
        return outcome(() -> voucherRedemptions.redeemVoucher(caller, code, UUID.randomUUID().toString(),
                new VoucherRedemptionRequest("order-" + UUID.randomUUID(), new Money(cents, "EUR"), null)));
    }

    @Override
    public Outcome grantPoints(String customerId, String agentId, long points) {
        Caller caller = authenticate(keys.agent());
        return outcome(() -> grants.create(caller, UUID.randomUUID().toString(),
                new CreateGrantRequest(customerId, agentId, "SHIPPING_DELAY", "ZD-" + UUID.randomUUID(), Channel.EMAIL,
                        null, points, null, null, null)));
    }

    private Caller authenticate(String secret) {
        return app.keys().authenticate(secret).orElseThrow(() -> new IllegalStateException("key refused"));
    }

    private static Outcome outcome(Supplier<Response> call) {
        try {
            Response answer = call.get();
            if (answer != null && answer.getStatus() / 100 != 2) {
                throw new IllegalStateException("answered " + answer.getStatus() + ": " + answer.getEntity());
            }
            return Outcome.OK;
        } catch (ApiException refusal) {
            return Outcome.refusal(refusal.errorCode().code(), refusal.errorCode().code() + ": " + refusal.getMessage());
        }
    }
}
