package com.amends.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.amends.testing.SpecOperations.Operation;
import com.amends.testing.SpecOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation × every role, no key, a revoked key, an expired key, a secret rolled out and a
 * wrong key: exactly the roles that
 * PRODUCT.md names get past authorization, everyone else gets 401 or 403, and nothing changes.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class AccessMatrixApiTest extends OwnServerFixture {
    private static final Set<Role> EVERYONE = Set.of(Role.values());
    private static final Set<Role> HELPDESK = Set.of(Role.AGENT, Role.SUPERVISOR);
    private static final Set<Role> HELPDESK_AND_FINANCE = Set.of(Role.AGENT, Role.SUPERVISOR, Role.FINANCE);
    private static final Set<Role> SUPERVISOR = Set.of(Role.SUPERVISOR);
    private static final Set<Role> STOREFRONT = Set.of(Role.STOREFRONT);
    private static final Set<Role> ADMIN = Set.of(Role.ADMIN);
    private static final Set<Role> FINANCE_AND_ADMIN = Set.of(Role.FINANCE, Role.ADMIN);
    private static final Set<Role> POLICY_READERS = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.FINANCE);
    private static final Set<Role> CHECKOUT_READERS = Set.of(Role.STOREFRONT, Role.AGENT, Role.SUPERVISOR, Role.FINANCE);

    /**
     * PRODUCT.md's "who calls it" table, operation by operation, written out here rather than
     * read from the code: agents grant and look up; supervisors also approve and run campaigns;
     * the storefront validates, holds and redeems; finance reads everything and changes nothing;
     * admins run keys, reason codes, policies and webhook endpoints.
     */
    private static final Map<String, Set<Role>> ALLOWED = Map.ofEntries(
            Map.entry("listApiKeys", ADMIN), Map.entry("createApiKey", ADMIN), Map.entry("revokeApiKey", ADMIN),
            Map.entry("rollApiKey", ADMIN),
            Map.entry("listAuditEvents", FINANCE_AND_ADMIN), Map.entry("verifyAuditChain", FINANCE_AND_ADMIN),
            Map.entry("listEvents", FINANCE_AND_ADMIN), Map.entry("getEvent", FINANCE_AND_ADMIN),
            Map.entry("listBudgets", POLICY_READERS), Map.entry("setBudget", ADMIN), Map.entry("deleteBudget", ADMIN),
            Map.entry("createCampaign", SUPERVISOR), Map.entry("closeCampaign", SUPERVISOR),
            Map.entry("previewCampaignRecipients", SUPERVISOR), Map.entry("addCampaignRecipients", SUPERVISOR),
            Map.entry("revokeUnusedCampaignCredit", SUPERVISOR),
            Map.entry("getCampaign", Set.of(Role.SUPERVISOR, Role.FINANCE)),
            Map.entry("listCampaigns", Set.of(Role.SUPERVISOR, Role.FINANCE)),
            Map.entry("getCampaignBatch", Set.of(Role.SUPERVISOR, Role.FINANCE)),
            Map.entry("getWallet", HELPDESK_AND_FINANCE), Map.entry("getCustomerBalance", CHECKOUT_READERS), Map.entry("getCustomerLedger", HELPDESK_AND_FINANCE),
            Map.entry("exportCustomer", ADMIN), Map.entry("eraseCustomer", ADMIN),
            Map.entry("listGrants", HELPDESK_AND_FINANCE), Map.entry("getGrant", HELPDESK_AND_FINANCE),
            Map.entry("createGrant", HELPDESK), Map.entry("getAllowance", HELPDESK),
            Map.entry("approveGrant", SUPERVISOR), Map.entry("rejectGrant", SUPERVISOR), Map.entry("revokeGrant", SUPERVISOR),
            Map.entry("redeemPoints", STOREFRONT), Map.entry("createHold", STOREFRONT), Map.entry("captureHold", STOREFRONT),
            Map.entry("releaseHold", STOREFRONT), Map.entry("getHold", Set.of(Role.STOREFRONT, Role.FINANCE)),
            Map.entry("getPolicies", POLICY_READERS), Map.entry("setAgentLimits", ADMIN),
            Map.entry("deleteAgentLimits", ADMIN), Map.entry("setCustomerCap", ADMIN),
            Map.entry("deleteCustomerCap", ADMIN), Map.entry("setRoleLimits", ADMIN),
            Map.entry("whoAmI", EVERYONE), Map.entry("listReasonCodes", EVERYONE), Map.entry("getReasonCode", EVERYONE),
            Map.entry("createReasonCode", ADMIN), Map.entry("updateReasonCode", ADMIN),
            Map.entry("getRedemption", CHECKOUT_READERS), Map.entry("reverseRedemption", STOREFRONT),
            Map.entry("validateVoucher", CHECKOUT_READERS), Map.entry("redeemVoucher", STOREFRONT),
            Map.entry("breakageReport", FINANCE_AND_ADMIN), Map.entry("effectivenessReport", FINANCE_AND_ADMIN),
            Map.entry("goodwillSpendReport", FINANCE_AND_ADMIN), Map.entry("journalExport", FINANCE_AND_ADMIN),
            Map.entry("liabilityReport", FINANCE_AND_ADMIN), Map.entry("reconcile", FINANCE_AND_ADMIN),
            Map.entry("createWebhookEndpoint", ADMIN), Map.entry("listWebhookEndpoints", ADMIN),
            Map.entry("getWebhookEndpoint", ADMIN), Map.entry("updateWebhookEndpoint", ADMIN),
            Map.entry("deleteWebhookEndpoint", ADMIN), Map.entry("rotateWebhookEndpointSecret", ADMIN),
            Map.entry("listWebhookDeliveries", ADMIN), Map.entry("recoverWebhookDeliveries", ADMIN),
            Map.entry("pingWebhookEndpoint", ADMIN), Map.entry("redeliverEvent", ADMIN));


    @Test
    void theSpec_ShouldGiveEachOperationTheRolesOfTheProduct() {
        Map<String, Set<Role>> documented = new TreeMap<>();
        for (Operation operation : SpecOperations.all()) {
            documented.put(operation.id(), operation.roles().stream().map(Role::fromWire).collect(Collectors.toSet()));
        }
        assertThat(documented).isEqualTo(new TreeMap<>(ALLOWED));
    }

    @Test
    void everyOperation_ShouldLetInExactlyItsRoles_AndChangeNothingForAnyoneElse() {
        Map<String, Api> callers = callers();
        List<String> wrong = new ArrayList<>();
        // Everyone shut out first, so that the books can be compared around just them; then the
        // roles let in, whose empty requests may legally change something (an empty role limit).
        Map<String, Long> before = TableCounts.of(server);
        int refused = walk(callers, false, wrong);
        assertThat(TableCounts.of(server)).as("rows per table after the refused calls").isEqualTo(before);
        int admitted = walk(callers, true, wrong);
        System.out.printf("Access matrix on %s: %d operations × %d callers = %d cells (%d let in, %d shut out)%n",
                server.databaseKind(), SpecOperations.all().size(), callers.size(), admitted + refused, admitted, refused);

        assertThat(wrong).isEmpty();
        assertThat(admitted + refused).isEqualTo(SpecOperations.all().size() * callers.size());
    }

    private int walk(Map<String, Api> callers, boolean admitted, List<String> wrong) {
        int cells = 0;
        for (Operation operation : SpecOperations.all()) {
            Set<Role> allowed = ALLOWED.get(operation.id());
            for (Map.Entry<String, Api> caller : callers.entrySet()) {
                String expected = expectation(caller.getKey(), allowed);
                if (expected.equals("in") != admitted) {
                    continue;
                }
                cells++;
                String problem = judge(call(caller.getValue(), operation), expected);
                if (problem != null) {
                    wrong.add(operation + " as " + caller.getKey() + ": expected " + expected + ", " + problem);
                }
            }
        }
        return cells;
    }

    @Test
    void theDatabaseConsole_ShouldBeReachableOnNoPort() {
        for (String path : List.of("/h2-console", "/h2-console/", "/h2console", "/h2", "/admin/h2-console")) {
            assertThat(server.as(Role.ADMIN).get(path).status()).as(path).isEqualTo(404);
            assertThat(server.adminPort().get(path).status()).as("admin port " + path).isEqualTo(404);
        }
        // /console on the API port is the web console (its own tests); on the admin port it is nothing.
        assertThat(server.adminPort().get("/console").status()).as("admin port /console").isEqualTo(404);
    }

    /** The five roles, no key, a revoked key, an expired key, a secret past its roll's overlap, and a key that never existed. */
    private Map<String, Api> callers() {
        Map<String, Api> callers = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            callers.put(role.wire(), server.as(role));
        }
        callers.put("no key", server.withSecret(null));
        var revoked = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "gone", "role", "admin"), null).expect(201);
        server.as(Role.ADMIN).delete("/v1/api-keys/" + revoked.path("id").asText()).expect(200);
        callers.put("revoked key", server.withSecret(revoked.path("secret").asText()));
        String secret = revoked.path("secret").asText();
        callers.put("wrong key", server.withSecret(secret.substring(0, secret.length() - 4) + "AAAA"));
        Instant soon = server.clock().instant().plus(Duration.ofMinutes(1));
        var expiring = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "expiring", "role", "admin",
                "expires_at", soon.toString()), null).expect(201);
        var rolled = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "rolled", "role", "admin"), null).expect(201);
        server.as(Role.ADMIN).post("/v1/api-keys/" + rolled.path("id").asText() + "/roll", Map.of("overlap_seconds", 60),
                null).expect(200);
        server.clock().advance(Duration.ofMinutes(2));
        callers.put("expired key", server.withSecret(expiring.path("secret").asText()));
        callers.put("rolled-out secret", server.withSecret(rolled.path("secret").asText()));
        return callers;
    }

    private static String expectation(String caller, Set<Role> allowed) {
        if (caller.contains(" ")) {
            return "401";
        }
        return allowed.contains(Role.fromWire(caller)) ? "in" : "403";
    }

    private static String judge(Reply reply, String expected) {
        int status = reply.status();
        String clean = Answers.problemIn(reply, false);
        if (clean != null) {
            return clean;
        }
        return switch (expected) {
            case "401" -> status == 401 ? null : "got " + status;
            case "403" -> status == 403 && reply.text().contains("\"forbidden\"") ? null : "got " + status + " " + reply.text();
            default -> status == 401 || status == 403 ? "got " + status + " " + reply.text() : null;
        };
    }

    /**
     * A request past which only authorization stands between the caller and the operation: ids
     * that exist nowhere and an empty body, so that whoever gets in is refused for the request
     * itself (404, 422), and nothing can change.
     */
    private static Reply call(Api api, Operation operation) {
        String path = operation.path().replaceAll("\\{role}", "agent").replaceAll("\\{[a-z_]+}", "matrix-target");
        String contentType = operation.jsonBody() != null ? "application/json"
                : operation.bodyTypes().isEmpty() ? null : operation.bodyTypes().get(0);
        String body = contentType == null ? null : contentType.equals("application/json") ? "{}" : "";
        return api.raw(operation.method(), path, contentType, body, "Idempotency-Key", UUID.randomUUID().toString());
    }
}
