package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.h2.jdbc.JdbcConnection;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 only, by nature: H2 makes a commit visible to other sessions before it stores it in the
 * file, and PostgreSQL does not. The test holds H2's store lock, so that a commit is caught in
 * that gap for as long as the test likes, reads from another thread, and copies the file: what
 * the reader saw must be in the copy, that is, must survive a kill at that moment.
 */
@Tag("database")
class H2CommitVisibilityTest {
    /** How long a reader gets to see a commit that is not stored yet. */
    private static final Duration READ_WAIT = Duration.ofMillis(700);

    @TempDir
    Path dir;

    @Test
    void shouldNotLetAReadOutsideATransactionSeeACommitBeforeItIsInTheFile() throws Exception {
        assertReadSeesOnlyStoredCommits("autocommit", jdbi -> jdbi.withHandle(this::count));
    }

    @Test
    void shouldNotLetAReadOnlyTransactionSeeACommitBeforeItIsInTheFile() throws Exception {
        assertReadSeesOnlyStoredCommits("read-only", jdbi -> {
            try (Handle handle = OneTransactionAtATime.readOnly(jdbi.open())) {
                return handle.inTransaction(this::count);
            }
        });
    }

    private void assertReadSeesOnlyStoredCommits(String name, Function<Jdbi, Long> read) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        Jdbi jdbi = Jdbi.create(url);
        OneTransactionAtATime.installOnH2(jdbi, DatabaseKind.of(url));
        Transactor transactor = new Transactor(jdbi);
        Path copy = dir.resolve(name + "-copy.mv.db");
        try (Handle keepOpen = jdbi.open()) {
            transactor.run(tx -> tx.handle().execute("CREATE TABLE credits (id INT PRIMARY KEY)"));
            MVStore store = storeOf(keepOpen.getConnection());

            Thread writer = new Thread(() -> transactor.run(tx -> tx.handle().execute("INSERT INTO credits VALUES (1)")));
            long[] seenBeforeStored = {-1};
            CompletableFuture<Long>[] reader = new CompletableFuture[1];
            store.executeFilestoreOperation(() -> {
                // Nothing is stored while this runs: the writer's commit waits here to store.
                writer.start();
                awaitParked(writer);
                reader[0] = CompletableFuture.supplyAsync(() -> read.apply(jdbi));
                try {
                    seenBeforeStored[0] = reader[0].get(READ_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    seenBeforeStored[0] = 0; // the read waits for the commit to be stored: the fix
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                }
                try {
                    Files.copy(dir.resolve(name + ".mv.db"), copy);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.join(10_000);

            long inTheCopy = Jdbi.create("jdbc:h2:file:" + dir.resolve(name + "-copy").toAbsolutePath()
                    + ";MODE=PostgreSQL").withHandle(this::count);
            assertThat(inTheCopy).as("what the %s read showed is in the file at that moment", name)
                    .isGreaterThanOrEqualTo(seenBeforeStored[0]);
            assertThat(reader[0].get(10, TimeUnit.SECONDS)).as("the read sees the commit once it is stored").isEqualTo(1);
            assertThat(writer.isAlive()).isFalse();
        }
    }

    private long count(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM credits").mapTo(Long.class).one();
    }

    /** Until the writer waits inside its commit (for the store lock this test holds). */
    private static void awaitParked(Thread writer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (writer.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the writer never reached its commit: " + writer.getState());
            }
            Thread.onSpinWait();
        }
    }

    private static MVStore storeOf(Connection connection) throws Exception {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
