package com.amends.event;

import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A campaign's grants each carry the campaign's message written for their customer. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class CampaignEventsApiTest extends OwnServerFixture {
    static final Map<String, Object> MESSAGE = Map.of(
            "subject", "Sorry about the storm, {{customer_id}}",
            "body", "{{campaign_name}}: {{points}} points, code {{voucher_code}}, until {{expires_at}}.");

    Api supervisor;
    Api admin;

    @BeforeEach
    void setUp() {
        supervisor = server.as(Role.SUPERVISOR);
        admin = server.as(Role.ADMIN);
    }

    String campaign(String name, Map<String, Object> reward) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("incident_ref", "storm-" + UUID.randomUUID());
        body.put("reason_code", "PROACTIVE_APOLOGY");
        body.put("agent_id", "lead-2");
        body.put("reward", reward);
        body.put("message", MESSAGE);
        return supervisor.post("/v1/campaigns", body, null).expect(201).path("id").asText();
    }

    JsonNode credit(String campaignId, String... customers) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String customer : customers) {
            rows.add(Map.of("customer_id", customer));
        }
        JsonNode batch = supervisor.post("/v1/campaigns/" + campaignId + "/recipients", Map.of("recipients", rows)).expect(201);
        assertThat(batch.path("status").asText()).isEqualTo("done");
        return batch;
    }

    /** The grant.issued events of one customer's campaign grant. */
    JsonNode issued(String customer) {
        List<JsonNode> events = Feed.all(admin, "type=grant.issued&customer_id=" + customer);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void shouldWriteEachCustomersMessage_WithTheirOwnPointsAndExpiry() {
        String id = campaign("Storm Bert delays", Map.of("points", 300));
        String a = newCustomer();
        String b = newCustomer();
        credit(id, a, b);

        for (String customer : List.of(a, b)) {
            JsonNode event = issued(customer);
            JsonNode grant = event.path("data").path("object");
            assertThat(grant.path("case_ref").asText()).isEqualTo(id);
            assertThat(grant.path("points").asLong()).isEqualTo(300);
            assertThat(event.path("data").path("message").path("subject").asText())
                    .isEqualTo("Sorry about the storm, " + customer);
            assertThat(event.path("data").path("message").path("body").asText()).isEqualTo(
                    "Storm Bert delays: 300 points, code , until " + grant.path("expires_at").asText() + ".");
            // As the campaign's grants are listed (a single grant's page adds the customer's recent goodwill).
            JsonNode listed = server.as(Role.AGENT).get("/v1/grants?campaign_id=" + id + "&customer_id=" + customer)
                    .expect(200).path("data");
            assertThat(listed).hasSize(1);
            assertThat(grant).isEqualTo(listed.get(0));
        }
        List<JsonNode> batches = ofCampaign("campaign.batch_completed", "campaign_id", id);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).path("data").path("object").path("counts").path("credited").asLong()).isEqualTo(2);
        List<JsonNode> completed = ofCampaign("campaign.completed", "id", id);
        assertThat(completed).hasSize(1);
        JsonNode campaign = completed.get(0).path("data").path("object");
        assertThat(campaign.path("id").asText()).isEqualTo(id);
        assertThat(campaign.path("counts").path("credited").asLong()).isEqualTo(2);
        assertThat(completed.get(0).path("customer_id").isMissingNode()).isTrue();
    }

    List<JsonNode> ofCampaign(String type, String field, String campaignId) {
        return Feed.all(admin, "type=" + type).stream()
                .filter(e -> e.path("data").path("object").path(field).asText().equals(campaignId)).toList();
    }

    @Test
    void shouldPutEachCustomersOwnVoucherCode_InTheMessage_MaskedForFinance() {
        String id = campaign("Parcel apology", Map.of("voucher",
                Map.of("type", "amount", "value", Map.of("amount", 500, "currency", "EUR"))));
        String a = newCustomer();
        String b = newCustomer();
        credit(id, a, b);

        List<String> codes = new ArrayList<>();
        for (String customer : List.of(a, b)) {
            JsonNode event = issued(customer);
            JsonNode grant = event.path("data").path("object");
            String code = grant.path("voucher").path("code").asText();
            codes.add(code);
            assertThat(event.path("data").path("message").path("body").asText()).isEqualTo(
                    "Parcel apology:  points, code " + code + ", until " + grant.path("expires_at").asText() + ".");
        }
        assertThat(codes.get(0)).isNotEqualTo(codes.get(1));
        String seenByFinance = server.as(Role.FINANCE).get("/v1/events?customer_id=" + a).expect(200).toString();
        assertThat(seenByFinance).doesNotContain(codes.get(0)).contains("Parcel apology");
        assertThat(ofCampaign("campaign.batch_completed", "campaign_id", id)).hasSize(1);
        assertThat(ofCampaign("campaign.completed", "id", id)).hasSize(1);
    }
}
