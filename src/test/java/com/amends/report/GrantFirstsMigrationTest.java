package com.amends.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.platform.Migrations;
import com.amends.testing.TestDatabase;
import java.time.Instant;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outcomes summed before grant_firsts existed bring their first redemptions into it, so that the
 * effectiveness report's median still counts them after the upgrade, without summing again.
 */
@Tag("database")
class GrantFirstsMigrationTest {
    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void theFirstsAlreadySummed_ShouldBeCopied_AndTheGrantsNeverSpentLeftOut(Supplier<TestDatabase> databases)
            throws Exception {
        TestDatabase database = databases.get();
        migrate(database, "db/changelog-before-017.xml");
        Jdbi jdbi = Jdbi.create(database::connect);
        Instant granted = Instant.parse("2026-10-01T09:00:00Z");
        jdbi.useHandle(h -> {
            outcome(h, "grt_spent", "points", granted, Instant.parse("2026-10-02T10:30:00Z"), 91_800L, 1);
            outcome(h, "grt_spent", "", granted, null, null, 0);
            outcome(h, "grt_idle", "EUR", granted, null, null, 1);
        });

        migrate(database, Migrations.CHANGELOG);

        try (Handle h = jdbi.open()) {
            assertThat(h.createQuery("SELECT grant_id, unit, agent_id, seconds_to_first FROM grant_firsts")
                    .mapToMap().list())
                    .containsExactly(Map.of("grant_id", "grt_spent", "unit", "points", "agent_id", "agent-7",
                            "seconds_to_first", 91_800L));
        }
        database.drop();
    }

    private static void outcome(Handle h, String grantId, String unit, Instant granted, Instant first, Long seconds,
                                int counted) {
        h.createUpdate("""
                INSERT INTO grant_outcomes (grant_id, unit, granted_at, reason_code, category, agent_id, channel,
                                            campaign_id, issued, redeemed, first_redeemed_at, seconds_to_first, counted)
                VALUES (:grantId, :unit, :granted, 'LATE_DELIVERY', 'delivery', 'agent-7', 'phone', NULL, 500,
                        :redeemed, :first, :seconds, :counted)
                """).bind("grantId", grantId).bind("unit", unit).bind("granted", granted)
                .bind("redeemed", first == null ? 0 : 200).bind("first", first).bind("seconds", seconds)
                .bind("counted", counted).execute();
    }

    private static void migrate(TestDatabase database, String changelog) throws Exception {
        try (Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(),
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(database.connect())))) {
            liquibase.update(new Contexts(), new LabelExpression());
        }
    }
}
