package com.amends.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amends.platform.CredentialMask;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.platform.command.Change;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** An event names what its change names, and keeps no credential. */
@Tag("fast")
class AuditTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final AuditDao dao = mock(AuditDao.class);
    private final Audit audit = audit();

    private Audit audit() {
        Transactor transactor = mock(Transactor.class);
        when(transactor.onDemand(AuditDao.class)).thenReturn(dao);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new Audit(transactor, Json.configure(new ObjectMapper().findAndRegisterModules()), new Ids(clock), clock,
                new CredentialMask(Pattern.compile("CODE-\\d{4}"), code -> "****-" + code.substring(code.length() - 4)));
    }

    private AuditEventRow recorded(Change change, Object before, Object after) {
        audit.record(mock(Tx.class), change, before, after);
        ArgumentCaptor<AuditEventRow> row = ArgumentCaptor.forClass(AuditEventRow.class);
        verify(dao).insert(row.capture());
        return row.getValue();
    }

    @Test
    void shouldNameTheActionAndTargetTypeTheChangeNames_AndTheTargetFromTheAnswer() {
        AuditEventRow row = recorded(Change.of("createGrant", "grant").request(Map.of("agent_id", "agent-7")),
                null, Map.of("id", "grt_1", "status", "issued"));

        assertThat(row.action()).isEqualTo("createGrant");
        assertThat(row.targetType()).isEqualTo("grant");
        assertThat(row.targetId()).isEqualTo("grt_1");
        assertThat(row.agentId()).isEqualTo("agent-7");
        assertThat(row.occurredAt()).isEqualTo(NOW);
        assertThat(row.beforeState()).isNull();
    }

    @Test
    void shouldTakeTheTargetFromTheStateBefore_WhenNothingIsLeftAfter() {
        AuditEventRow row = recorded(Change.of("deleteThing", "thing"), Map.of("id", "thg_1"), null);
        assertThat(row.targetId()).isEqualTo("thg_1");
        assertThat(row.afterState()).isNull();
    }

    @Test
    void shouldDropSecrets_MaskCodes_AndCountLongLists() {
        AuditEventRow row = recorded(Change.of("createApiKey", "api_key").target("key_1"), null,
                Map.of("secret", "sk_live.x", "voucher", Map.of("code", "CODE-1234"), "items", List.of(
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21)));

        assertThat(row.targetId()).isEqualTo("key_1");
        assertThat(row.afterState()).doesNotContain("sk_live").doesNotContain("CODE-1234").contains("****-1234")
                .contains("\"items\":21");
    }
}
