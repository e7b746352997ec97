package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 only, by nature: PostgreSQL reuses the space of old row versions itself. The same small
 * commits run on two H2 files, one with the job and one without; the file with the job must stop
 * growing, and every committed change must be there after a reopen.
 */
@Tag("database")
class H2CompactionTest {
    private static final int ROWS = 300;
    private static final int COMMITS = 4_000;
    private static final int COMMITS_PER_RUN = 100;

    @TempDir
    Path dir;

    @Test
    void shouldReuseTheFilesSpaceInsteadOfGrowingWithEveryCommit_AndKeepEveryCommittedChange() throws Exception {
        Growth without = churn(dir.resolve("without"), false);
        Growth with = churn(dir.resolve("with"), true);

        assertThat(without.lastHalf()).as("without the job, the file grows with every commit").isGreaterThan(0);
        assertThat(with.lastHalf()).as("with the job, the second half of the commits hardly grows the file")
                .isLessThan(without.lastHalf() / 4);
        assertThat(with.total()).isLessThan(without.total() / 2);
        assertThat(with.pagesMoved()).isTrue();
    }

    @Test
    void shouldDoNothingOnAnInMemoryDatabase() {
        Jdbi jdbi = Jdbi.create("jdbc:h2:mem:compaction-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        OneTransactionAtATime.installOnH2(jdbi, DatabaseKind.of("jdbc:h2:mem:"));

        assertThat(H2Compaction.on(DatabaseKind.of("jdbc:h2:mem:"), new Transactor(jdbi)).orElseThrow().run()).isFalse();
        assertThat(H2Compaction.on(DatabaseKind.of("jdbc:postgresql://localhost/test"), new Transactor(jdbi))).isEmpty();
    }

    private record Growth(long firstHalf, long lastHalf, boolean pagesMoved) {
        long total() {
            return firstHalf + lastHalf;
        }
    }

    /**
     * Small write transactions as the server makes them: an entry appended, a balance changed.
     * The appended entries are what keeps old chunks alive: a full leaf of them is never written
     * again, so it stays in the chunk of the commit that filled it.
     */
    private static Growth churn(Path where, boolean compact) throws Exception {
        // RETENTION_TIME=0: H2 may reuse a chunk's space as soon as it is free, instead of after
        // 45 s, so that a test of a few seconds shows what a server shows over minutes.
        String url = "jdbc:h2:file:" + where.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;RETENTION_TIME=0";
        Path file = where.resolve("db.mv.db");
        Jdbi jdbi = Jdbi.create(url);
        OneTransactionAtATime.installOnH2(jdbi, DatabaseKind.of(url));
        H2Compaction job = H2Compaction.on(DatabaseKind.of(url), new Transactor(jdbi)).orElseThrow();
        boolean moved = false;
        long[] sizes = new long[3];
        try (var keepOpen = jdbi.open()) {
            jdbi.useTransaction(h -> {
                h.execute("CREATE TABLE balances (id INT PRIMARY KEY, customer VARCHAR(64) NOT NULL, balance BIGINT NOT NULL)");
                h.execute("CREATE TABLE entries (id INT PRIMARY KEY, balance_id INT NOT NULL, note VARCHAR(100) NOT NULL)");
                h.execute("CREATE INDEX entries_balance ON entries (balance_id, id)");
                for (int i = 0; i < ROWS; i++) {
                    h.execute("INSERT INTO balances VALUES (?, ?, 0)", i, "customer-" + i);
                }
            });
            Random random = new Random(7);
            sizes[0] = Files.size(file);
            for (int i = 1; i <= COMMITS; i++) {
                int row = random.nextInt(ROWS);
                int entry = i;
                jdbi.useTransaction(h -> {
                    h.execute("INSERT INTO entries VALUES (?, ?, ?)", entry, row, "one more point for customer " + row);
                    h.execute("UPDATE balances SET balance = balance + 1 WHERE id = ?", row);
                });
                if (compact && i % COMMITS_PER_RUN == 0) {
                    moved |= job.run();
                }
                if (i == COMMITS / 2) {
                    sizes[1] = Files.size(file);
                }
            }
            sizes[2] = Files.size(file);
        }
        // Every database connection is closed by now: this opens the file afresh.
        Jdbi reopened = Jdbi.create(url);
        String rowsAndSum = reopened.withHandle(h -> h.createQuery(
                        "SELECT (SELECT COUNT(*) FROM entries), (SELECT COUNT(*) FROM balances), SUM(balance) FROM balances")
                .map((rs, ctx) -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3)).one());
        assertThat(rowsAndSum).as("every row and every committed change after a reopen")
                .isEqualTo(COMMITS + "/" + ROWS + "/" + COMMITS);
        return new Growth(sizes[1] - sizes[0], sizes[2] - sizes[1], moved);
    }
}
