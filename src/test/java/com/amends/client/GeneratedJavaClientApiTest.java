package com.amends.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amends.auth.Role;
import com.amends.client.api.CustomersApi;
import com.amends.client.api.GrantsApi;
import com.amends.client.api.RedemptionsApi;
import com.amends.client.api.VouchersApi;
import com.amends.client.model.AmountVoucherTerms;
import com.amends.client.model.CreateGrantRequest;
import com.amends.client.model.Grant;
import com.amends.client.model.Money;
import com.amends.client.model.PointsGrantRequest;
import com.amends.client.model.Problem;
import com.amends.client.model.Redemption;
import com.amends.client.model.VoucherCheck;
import com.amends.client.model.VoucherGrantRequest;
import com.amends.client.model.VoucherRedemptionRequest;
import com.amends.client.model.VoucherTerms;
import com.amends.testing.Bodies;
import com.amends.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's walk-through, done with the Java client that the build generates from
 * api-spec/openapi.yaml (package com.amends.client, under target/generated-sources): what an
 * integrator gets from the checked-in spec must compile, send what the server accepts and read
 * what it answers, refusals included.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class GeneratedJavaClientApiTest {
    @Parameter
    TestServer server;

    @Test
    void shouldGrantValidateAndRedeem_AndReadARefusalAsAProblem() throws Exception {
        String customer = Bodies.newCustomer();
        GrantsApi grants = new GrantsApi(client(Role.AGENT));

        // "Points or a voucher" is a oneOf in the spec: the generator gives each choice a type of its own.
        Grant points = grants.createGrant(key(), new CreateGrantRequest(new PointsGrantRequest().customerId(customer)
                .agentId("agent-7").reasonCode("SHIPPING_DELAY").caseRef(caseRef())
                .channel(PointsGrantRequest.ChannelEnum.EMAIL).points(500L)));
        assertThat(points.getStatus()).isEqualTo(Grant.StatusEnum.ISSUED);
        Grant voucher = grants.createGrant(key(), new CreateGrantRequest(new VoucherGrantRequest().customerId(customer)
                .agentId("agent-7").reasonCode("DAMAGED_ITEM").caseRef(caseRef())
                .channel(VoucherGrantRequest.ChannelEnum.PHONE)
                .voucher(new VoucherTerms(new AmountVoucherTerms().type(AmountVoucherTerms.TypeEnum.AMOUNT).value(eur(1000))))));
        String code = voucher.getVoucher().getCode();
        assertThat(new CustomersApi(client(Role.AGENT)).getWallet(customer).getPoints().getAvailable()).isEqualTo(500L);

        ApiClient shop = client(Role.STOREFRONT);
        VoucherCheck check = new VouchersApi(shop).validateVoucher(code.toLowerCase(), 2500L, "EUR");
        assertThat(check.getUsable()).isTrue();
        assertThat(check.getDiscount()).isEqualTo(eur(1000));

        RedemptionsApi redemptions = new RedemptionsApi(shop);
        String once = key();
        VoucherRedemptionRequest threeEuros = new VoucherRedemptionRequest().orderRef("order-981").amount(eur(300));
        Redemption redeemed = redemptions.redeemVoucher(code, once, threeEuros);
        assertThat(redemptions.redeemVoucher(code, once, threeEuros).getId()).as("the same Idempotency-Key")
                .isEqualTo(redeemed.getId());
        assertThat(new VouchersApi(shop).validateVoucher(code, null, null).getRemaining()).isEqualTo(eur(700));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> redemptions.redeemVoucher(code, key(),
                new VoucherRedemptionRequest().orderRef("order-982").amount(eur(800))));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = shop.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getCode().getValue()).isEqualTo("insufficient_balance");
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(new VouchersApi(shop).validateVoucher(code, null, null).getRemaining()).isEqualTo(eur(700));
    }

    /** The generated native client has no bearer setting of its own; a request interceptor adds the key. */
    private ApiClient client(Role role) {
        String secret = server.secret(role);
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.port());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + secret));
        return client;
    }

    private static String caseRef() {
        return "ZD-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Money eur(long amount) {
        return new Money().amount(amount).currency("EUR");
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
