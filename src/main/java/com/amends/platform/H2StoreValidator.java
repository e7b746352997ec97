package com.amends.platform;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.tomcat.jdbc.pool.Validator;

/**
 * The pool's check of a connection before it lends it, on an embedded H2 database: it asks the
 * engine whether the connection's database is dead instead of running a query on it.
 *
 * <p>When a write to the file fails (a full disk), H2 closes that database for good; a new
 * connection opens the file afresh, which is how the server recovers without a restart once
 * there is space again. But every statement run on a connection of the dead database also
 * removes whatever database is registered under the file's name, the fresh one included; the
 * fresh one then lives on unregistered, holding the file's lock, and every further connection is
 * refused as "already in use" until its own connections close. A validation query is such a
 * statement, so the pool must tell a dead connection without one. The check costs two field reads,
 * so every lend is checked, whatever the configuration says.
 */
public final class H2StoreValidator implements Validator {
    /** Installs it on an embedded H2 database; PostgreSQL and an H2 server keep the validation query. */
    public static DataSourceFactory installOn(DataSourceFactory settings) {
        String url = settings.getUrl();
        if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")) {
            settings.setValidatorClassName(Optional.of(H2StoreValidator.class.getName()));
            settings.setValidationInterval(Duration.milliseconds(0));
            // Without a check when lent, a dead connection stays in the pool and keeps H2's
            // closed database alive: the server would never reopen the file.
            settings.setCheckConnectionOnBorrow(true);
        }
        return settings;
    }

    @Override
    public boolean validate(Connection connection, int validateAction) {
        try {
            var session = H2Engine.sessionOf(connection);
            if (session.isEmpty()) {
                return connection.isValid(5);
            }
            if (H2Engine.isDead(session.get())) {
                H2Engine.forget(session.get().getDatabase());
                return false;
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
