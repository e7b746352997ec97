package com.amends.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.platform.Database;
import com.amends.platform.DatabaseKind;
import com.amends.platform.Migrations;
import com.amends.platform.OneTransactionAtATime;
import com.amends.platform.Transactor;
import com.amends.testing.MutableClock;
import com.amends.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trail sealed the old way (positions and hashes on the event rows, one event that committed
 * late still unsealed) keeps its chain in the links after the migration, and the sealer takes the
 * unsealed event in.
 */
@Tag("database")
class AuditLinksMigrationTest {
    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void theChainSealedOnTheEventRows_ShouldMoveToItsLinks_AndGoOn(Supplier<TestDatabase> databases) throws Exception {
        TestDatabase database = databases.get();
        DatabaseKind kind = DatabaseKind.of(database.url());
        Jdbi jdbi = Database.configure(Jdbi.create(database::connect).installPlugin(new SqlObjectPlugin()), kind);
        OneTransactionAtATime.installOnH2(jdbi, kind);
        MutableClock clock = new MutableClock(MutableClock.START);
        AuditChain chain = new AuditChain(new Transactor(jdbi), clock);
        migrate(database, "db/changelog-before-016.xml");

        List<AuditEventRow> events = List.of(event(1), event(2), event(3), event(4));
        String[] hashes = new String[4];
        String previous = AuditChain.genesis();
        int position = 0;
        for (int seq : new int[] {1, 2, 4}) { // seq 3 committed after seq 4 was sealed
            position++;
            previous = chain.hash(previous, position, events.get(seq - 1));
            hashes[seq - 1] = previous;
        }
        String head = previous;
        jdbi.useTransaction(h -> {
            for (AuditEventRow e : events) {
                h.createUpdate("""
                        INSERT INTO audit_events (seq, id, occurred_at, action, target_type, target_id, after_state,
                            chain_position, hash)
                        VALUES (:seq, :id, :occurredAt, :action, :targetType, :targetId, :afterState, :position, :hash)
                        """).bindMethods(e).bind("position", e.seq() == 3 ? null : (Long) (e.seq() == 4 ? 3L : e.seq()))
                        .bind("hash", hashes[(int) e.seq() - 1]).execute();
            }
            h.createUpdate("UPDATE audit_chain SET position = 3, last_hash = :hash, sealed_at = :at WHERE id = 1")
                    .bind("hash", head).bind("at", clock.instant()).execute();
        });

        migrate(database, Migrations.CHANGELOG);

        try (Handle h = jdbi.open()) {
            assertThat(h.createQuery("SELECT chain_position, event_seq, hash FROM audit_links ORDER BY chain_position")
                    .mapToMap().list()).containsExactly(
                    Map.of("chain_position", 1L, "event_seq", 1L, "hash", hashes[0]),
                    Map.of("chain_position", 2L, "event_seq", 2L, "hash", hashes[1]),
                    Map.of("chain_position", 3L, "event_seq", 4L, "hash", hashes[3]));
            assertThat(h.createQuery("SELECT last_seq, scan_from, candidate_seq FROM audit_chain").mapToMap().one())
                    .isEqualTo(Map.of("last_seq", 4L, "scan_from", 2L, "candidate_seq", 4L));
            assertThatThrownBy(() -> h.createQuery("SELECT chain_position FROM audit_events").mapToMap().list())
                    .as("the event rows no longer carry the chain").isInstanceOf(Exception.class);
        }
        ChainVerification migrated = chain.verify();
        assertThat(migrated.valid()).as(migrated.toString()).isTrue();
        assertThat(migrated.checkedEvents()).isEqualTo(3);
        assertThat(migrated.unsealedEvents()).isEqualTo(1);

        assertThat(chain.seal()).as("a sweep waits for its stretch to settle").isZero();
        clock.advance(AuditChain.SETTLE);
        assertThat(chain.seal()).isEqualTo(1);
        ChainVerification sealed = chain.verify();
        assertThat(sealed.valid()).as(sealed.toString()).isTrue();
        assertThat(sealed.checkedEvents()).isEqualTo(4);
        assertThat(sealed.unsealedEvents()).isZero();
        assertThat(sealed.sealedThroughEventId()).isEqualTo("aud_3");
        database.drop();
    }

    private static AuditEventRow event(long seq) {
        return new AuditEventRow(seq, "aud_" + seq, Instant.parse("2026-11-01T10:00:00Z").plus(Duration.ofMinutes(seq)),
                null, null, null, null, "createGrant", "grant", "grt_" + seq, null, null, null, "{\"points\":" + seq + "}",
                null, null);
    }

    private static void migrate(TestDatabase database, String changelog) throws Exception {
        try (Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(),
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(database.connect())))) {
            liquibase.update(new Contexts(), new LabelExpression());
        }
    }
}
