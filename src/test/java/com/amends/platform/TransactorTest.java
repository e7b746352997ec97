package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class TransactorTest {
    private final Transactor tx = new Transactor(Jdbi.create("jdbc:h2:mem:tx" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));

    @Test
    void shouldRetryADeadlockVictim() {
        AtomicInteger attempts = new AtomicInteger();
        String result = tx.inTransaction(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new UnableToExecuteStatementException(new SQLException("deadlock detected", "40P01"), null);
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }
}
