package com.amends.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Api;
import com.amends.testing.MutableClock;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two servers on one database, as behind a load balancer: what each keeps of a key for itself. */
@Tag("http")
class KeysOnTwoInstancesTest {
    private static final int BURST = 3;

    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void eachInstance_ShouldCountAKeysRequestsOnItsOwn(Supplier<TestDatabase> database) {
        TestDatabase db = database.get();
        MutableClock clock = new MutableClock(MutableClock.START);
        try (TestServer one = limited(new TestServer(db, clock)); TestServer two = limited(new TestServer(db, clock))) {
            JsonNode key = one.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "checkout", "role", "storefront"), null)
                    .expect(201);

            for (TestServer server : new TestServer[] {one, two}) {
                Api checkout = server.withSecret(key.path("secret").asText());
                for (int i = 0; i < BURST; i++) {
                    checkout.get("/v1/me").expect(200);
                }
                checkout.get("/v1/me").expectProblem(429, "rate_limited");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void aRollThroughOneInstance_ShouldLetTheNewSecretIntoTheOther_AtOnce(Supplier<TestDatabase> database) {
        TestDatabase db = database.get();
        MutableClock clock = new MutableClock(MutableClock.START);
        try (TestServer one = new TestServer(db, clock).start(); TestServer two = new TestServer(db, clock).start()) {
            JsonNode key = one.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "helpdesk", "role", "agent"), null)
                    .expect(201);
            two.withSecret(key.path("secret").asText()).get("/v1/me").expect(200); // two keeps the key's row now

            JsonNode rolled = one.as(Role.ADMIN).post("/v1/api-keys/" + key.path("id").asText() + "/roll", Map.of(), null)
                    .expect(200);

            two.withSecret(rolled.path("secret").asText()).get("/v1/me").expect(200);
            two.withSecret(key.path("secret").asText()).get("/v1/me").expect(200);
        }
    }

    private static TestServer limited(TestServer server) {
        return server.setting("rateLimits.storefront.perSecond", "1").setting("rateLimits.storefront.burst",
                String.valueOf(BURST)).start();
    }
}
