package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Storage here is an H2 database in memory of the test's own: this is how a status crosses JDBC. */
@Tag("database")
class WireEnumTest {
    public enum Light implements WireEnum { GREEN, AMBER_FLASHING }

    public record Lamp(String id, Light light) {}

    interface Lamps {
        @SqlUpdate("CREATE TABLE lamps (id VARCHAR(10) PRIMARY KEY, light VARCHAR(20))")
        void create();

        @SqlUpdate("INSERT INTO lamps VALUES (:id, :light)")
        void insert(String id, Light light);

        @SqlQuery("SELECT light FROM lamps WHERE id = :id")
        Optional<String> stored(String id);

        @SqlQuery("SELECT id, light FROM lamps ORDER BY id")
        @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(Lamp.class)
        List<Lamp> all();

        @SqlQuery("SELECT id FROM lamps WHERE light = :light ORDER BY id")
        List<String> withLight(Light light);
    }

    private final Lamps lamps = Database.configure(Jdbi.create("jdbc:h2:mem:wire" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
            .installPlugin(new SqlObjectPlugin()), DatabaseKind.H2).onDemand(Lamps.class);

    @Test
    void shouldStoreAStatusAsItsLowerCaseNameAndReadItBack() {
        lamps.create();
        lamps.insert("a", Light.AMBER_FLASHING);
        lamps.insert("b", Light.GREEN);
        lamps.insert("c", null);

        assertThat(lamps.stored("a")).contains("amber_flashing");
        assertThat(lamps.all()).containsExactly(new Lamp("a", Light.AMBER_FLASHING), new Lamp("b", Light.GREEN),
                new Lamp("c", null));
        assertThat(lamps.withLight(Light.GREEN)).containsExactly("b");
    }
}
