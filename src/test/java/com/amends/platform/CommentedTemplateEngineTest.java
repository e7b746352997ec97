package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jdbi3.NamePrependingTemplateEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No database table involved: the statements select constants, on H2 in memory. */
@Tag("database")
class CommentedTemplateEngineTest {
    interface Probe {
        @SqlQuery("SELECT <change>(:word)")
        String echo(String word);
    }

    @Test
    void shouldKeepDropwizardsDaoNameComment_AndLetJdbiCacheTheParsedTemplate() {
        String url = "jdbc:h2:mem:templates-" + System.nanoTime();
        Jdbi jdbi = Jdbi.create(url).installPlugin(new SqlObjectPlugin());
        // As Dropwizard's JdbiFactory sets it up when autoCommentsEnabled is on (its default).
        jdbi.setTemplateEngine(new NamePrependingTemplateEngine(new DefinedAttributeTemplateEngine()));
        List<String> executed = new CopyOnWriteArrayList<>();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                executed.add(context.getRenderedSql());
            }
        });
        Database.configure(jdbi, DatabaseKind.of(url));
        jdbi.define("change", "UPPER");

        Probe probe = new Transactor(jdbi).onDemand(Probe.class);
        assertThat(probe.echo("a")).isEqualTo("A");
        assertThat(probe.echo("b")).isEqualTo("B");

        assertThat(executed).containsExactly("/* Probe.echo */ SELECT UPPER(:word)", "/* Probe.echo */ SELECT UPPER(:word)");
        // Jdbi keeps a parsed template only from an engine that offers one.
        assertThat(jdbi.getConfig(SqlStatements.class).getTemplateEngine()).isInstanceOf(TemplateEngine.Parsing.class);
    }
}
