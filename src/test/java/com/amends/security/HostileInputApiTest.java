package com.amends.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.security.HostileRequests.Probe;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.amends.testing.SpecOperations.Operation;
import com.amends.testing.SpecOperations;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation in api-spec/openapi.yaml, sent hostile input by a key of a role that may call
 * it: the server answers each with a 4xx problem carrying a stable code (never a 5xx, a stack
 * trace or SQL), and nothing in the database has changed afterwards.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class HostileInputApiTest extends OwnServerFixture {
    @Test
    void everyOperation_ShouldRefuseHostileInputWithAProblem_AndChangeNothing() {
        Map<String, Long> before = TableCounts.of(server);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        int serverErrors = 0;
        Map<String, Integer> perOperation = new TreeMap<>();
        for (Operation operation : SpecOperations.all()) {
            Api api = server.as(Role.fromWire(operation.roles().get(0)));
            List<Probe> probes = HostileRequests.forOperation(operation);
            perOperation.put(operation.id(), probes.size());
            for (Probe probe : probes) {
                Reply reply;
                try {
                    reply = api.raw(probe.method(), probe.target(), probe.contentType(), probe.body(),
                            probe.headers().toArray(String[]::new));
                } catch (UncheckedIOException e) {
                    // The server dropped the connection without an answer: name the probe that did it.
                    failures.add(operation + " [" + probe.kind() + "] no answer: " + e.getCause());
                    continue;
                }
                sent++;
                serverErrors += reply.status() >= 500 ? 1 : 0;
                String problem = Answers.problemIn(reply, probe.mustRefuse());
                if (problem != null) {
                    failures.add(operation + " [" + probe.kind() + "] " + problem);
                }
            }
        }
        System.out.printf("Hostile input on %s: %d requests over %d operations, %d answered 5xx; per operation %s%n",
                server.databaseKind(), sent, SpecOperations.all().size(), serverErrors, perOperation);

        assertThat(failures).as("answers that are not clean refusals").isEmpty();
        assertThat(TableCounts.of(server)).as("rows per table after the run").isEqualTo(before);
        Books.assertReconciled(server);
    }

    /** The probes break one thing each: the bodies they start from are requests the server takes. */
    @Test
    void theBodiesTheProbesBreak_ShouldBeValidRequests() {
        for (String operationId : List.of("createGrant", "createApiKey", "createReasonCode", "createCampaign")) {
            Operation operation = SpecOperations.all().stream().filter(o -> o.id().equals(operationId)).findFirst().orElseThrow();
            JsonNode body = HostileRequests.sample(operation.jsonBody(), 0);
            Reply reply = server.as(Role.fromWire(operation.roles().get(0))).raw(operation.method(), operation.path(),
                    "application/json", body.toString(), "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(reply.status()).as("%s with %s: %s", operationId, body, reply.text()).isEqualTo(201);
        }
    }
}
