package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Storage here is an H2 database in memory of the test's own: these are Transactor's rules, not SQL. */
@Tag("database")
class TransactorTest {
    private final Transactor tx = new Transactor(Jdbi.create("jdbc:h2:mem:tx" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
            .installPlugin(new SqlObjectPlugin()));

    interface Counter {
        @SqlUpdate("CREATE TABLE IF NOT EXISTS counts (name VARCHAR(10) PRIMARY KEY, n INT NOT NULL)")
        void create();

        @SqlUpdate("INSERT INTO counts VALUES (:name, 0)")
        void add(String name);

        @SqlUpdate("UPDATE counts SET n = n + 1 WHERE name = :name")
        void increment(String name);

        @SqlQuery("SELECT n FROM counts WHERE name = :name")
        int get(String name);
    }

    @Test
    void shouldRunADaoBuiltOnceInTheTransactionOfTheThreadThatCallsIt() throws Exception {
        Counter counter = tx.onDemand(Counter.class);
        counter.create();
        counter.add("kept");
        counter.add("undone");

        assertThatThrownBy(() -> tx.run(t -> {
            counter.increment("undone");
            throw new IllegalStateException("rolls the increment back");
        })).hasMessage("rolls the increment back");
        assertThat(counter.get("undone")).as("the DAO ran in the transaction that rolled back").isZero();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                done.add(threads.submit(() -> tx.run(t -> counter.increment("kept"))));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(counter.get("kept")).as("the same DAO on 8 threads at once").isEqualTo(200);
    }

    @Test
    void shouldRetryADeadlockVictim() {
        AtomicInteger attempts = new AtomicInteger();
        String result = tx.inTransaction(t -> {
            if (attempts.incrementAndGet() < 3) {
                throw new UnableToExecuteStatementException(new SQLException("deadlock detected", "40P01"), null);
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void shouldRefuseToOpenATransactionInsideAnother_RatherThanJoinIt() {
        Counter counter = tx.onDemand(Counter.class);
        counter.create();
        counter.add("outer");

        assertThatThrownBy(() -> tx.run(outer -> {
            counter.increment("outer");
            tx.run(inner -> counter.increment("outer"));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        assertThat(counter.get("outer")).as("the outer work rolled back with the refusal").isZero();
    }

    @Test
    void shouldRefuseATxKeptPastItsTransaction() {
        Tx[] kept = new Tx[1];
        tx.run(t -> kept[0] = t);

        assertThatThrownBy(kept[0]::requireOpen).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(kept[0]::handle).isInstanceOf(IllegalStateException.class);
    }
}
