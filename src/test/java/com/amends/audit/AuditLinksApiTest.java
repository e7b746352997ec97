package com.amends.audit;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sealing writes links of its own and leaves the events as written, and an event that commits
 * after a later one was sealed still joins the chain. Its own server: the chain must stay valid.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class AuditLinksApiTest extends OwnServerFixture {

    @Test
    void sealing_ShouldLinkEachEventOnce_WithoutWritingItsRow() {
        for (int i = 0; i < 5; i++) {
            server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 3 + i)).expect(201);
        }
        List<Map<String, Object>> before = events();
        seal();

        assertThat(events()).as("the events' rows, as written").isEqualTo(before);
        long events = count("SELECT COUNT(*) FROM audit_events");
        assertThat(count("SELECT COUNT(*) FROM audit_links")).isEqualTo(events);
        assertThat(count("SELECT COUNT(DISTINCT l.event_seq) FROM audit_links l JOIN audit_events e ON e.seq = l.event_seq"))
                .as("one link for each event").isEqualTo(events);
        JsonNode verified = verify();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("checked_events").asLong()).isEqualTo(events);
        JsonNode listed = server.as(Role.FINANCE).get("/v1/audit-events?limit=1").expect(200).path("data").get(0);
        assertThat(listed.path("chain_position").asLong()).isEqualTo(verified.path("sealed_through_position").asLong());
        assertThat(listed.path("hash").asText()).isEqualTo(verified.path("head_hash").asText());
    }

    @Test
    void anEventCommittedAfterALaterOneWasSealed_ShouldBeSealedByTheSweep_AndTheChainVerify() {
        server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 11)).expect(201);
        seal();
        String straggler = "aud_straggler" + System.nanoTime();
        try (Handle slow = server.jdbi().open()) {
            // Takes its seq now and commits only after a later event has been written and sealed.
            slow.begin();
            slow.createUpdate("""
                    INSERT INTO audit_events (id, occurred_at, action, target_type, target_id)
                    VALUES (:id, :at, 'createGrant', 'grant', 'grt_slow')
                    """).bind("id", straggler).bind("at", server.clock().instant()).execute();
            server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 12)).expect(201);
            seal();
            slow.commit();
        }
        assertThat(linked(straggler)).as("not after the last event sealed, so not in the next pass").isFalse();
        seal();
        assertThat(verify().path("unsealed_events").asLong()).isEqualTo(1);

        // A sweep covers what was sealed by the time the previous one ran; two cover this event.
        for (int i = 0; i < 2; i++) {
            server.clock().advance(AuditChain.SETTLE.plus(Duration.ofSeconds(1)));
            seal();
        }

        assertThat(linked(straggler)).isTrue();
        JsonNode verified = verify();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("unsealed_events").asLong()).isZero();
        assertThat(verified.path("checked_events").asLong()).isEqualTo(count("SELECT COUNT(*) FROM audit_events"));
        assertThat(verified.path("sealed_through_event_id").asText()).isEqualTo(straggler);
    }

    private void seal() {
        Reply reply = server.adminPort().raw("POST", "/tasks/seal-audit", null, "");
        assertThat(reply.status()).isEqualTo(200);
    }

    private JsonNode verify() {
        return server.as(Role.FINANCE).get("/v1/audit-events/verify").expect(200);
    }

    private boolean linked(String eventId) {
        return count("SELECT COUNT(*) FROM audit_links l JOIN audit_events e ON e.seq = l.event_seq WHERE e.id = '"
                + eventId + "'") == 1;
    }

    private long count(String sql) {
        return server.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Every event row; on PostgreSQL with its xmin, which any UPDATE of the row changes. */
    private List<Map<String, Object>> events() {
        String version = server.databaseKind().equals("h2") ? "" : ", xmin::text AS row_version";
        return server.jdbi().withHandle(h -> h.createQuery("SELECT *" + version + " FROM audit_events ORDER BY seq")
                .mapToMap().list());
    }
}
