package com.amends.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.idempotency.Outcome;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every change is recorded with what it names, in the transaction that makes it. */
@Tag("fast")
class CommandsTest {
    private final Tx tx = mock(Tx.class);
    private final Transactor transactor = mock(Transactor.class);
    private final Idempotency idempotency = mock(Idempotency.class);
    private final ChangeLog log = mock(ChangeLog.class);
    private final Commands commands = new Commands(transactor, idempotency, log);
    private final List<String> steps = new ArrayList<>();

    CommandsTest() {
        when(transactor.inTransaction(any(Function.class))).thenAnswer(call -> {
            steps.add("open");
            Object result = call.<Function<Tx, ?>>getArgument(0).apply(tx);
            steps.add("commit");
            return result;
        });
    }

    @Test
    void aChange_ShouldReadBeforeThenWorkThenBeRecorded_AllInOneTransaction() {
        Change change = Change.of("revokeApiKey", "api_key").target("key_1");
        String answer = commands.run(change, t -> step(t, "before"), t -> step(t, "after"));

        assertThat(answer).isEqualTo("after");
        assertThat(steps).containsExactly("open", "before", "after", "commit");
        verify(log).record(tx, change, "before", "after");
    }

    @Test
    void aRefusedChange_ShouldLeaveNoRecord() {
        assertThatThrownBy(() -> commands.run(Change.of("createApiKey", "api_key"), t -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        verifyNoInteractions(log);
    }

    @Test
    void aChangeRunOnce_ShouldBeKeyedByItsActionAndRequest_AndRecordTheAnswersBody() {
        Map<String, String> request = Map.of("grant_id", "grt_1");
        Change change = Change.of("approveGrant", "grant").request(request);
        when(idempotency.execute(eq("key_1"), eq("idem-1"), eq("approveGrant"), eq(request), any())).thenAnswer(call -> {
            Outcome outcome = call.<Function<Tx, Outcome>>getArgument(4).apply(tx);
            return Response.status(outcome.status()).build();
        });

        Response response = commands.runOnce("key_1", "idem-1", change, t -> "pending",
                t -> Outcome.ok(Map.of("status", "issued")));

        assertThat(response.getStatus()).isEqualTo(200);
        verify(log).record(tx, change, "pending", Map.of("status", "issued"));
    }

    private String step(Tx given, String name) {
        assertThat(given).isSameAs(tx);
        steps.add(name);
        return name;
    }
}
