package com.amends.grant;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Plans;
import com.amends.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A customer's page of grants is read through the customer's index, in its order, however many
 * grants other customers have. (Written as one catch-all statement, H2 walked every grant in the
 * table to fill the page.)
 */
@Tag("database")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class GrantListPlanTest {
    @Parameter
    TestServer server;

    @Test
    void oneCustomersGrants_ShouldBeReadThroughTheCustomerIndexWithoutASort() {
        GrantFilter filter = new GrantFilter("cus_plan", null, null, null, null, null, null);
        String plan = Plans.explain(server, handle -> handle.attach(GrantDao.class)
                        .list(filter.conditions().where(), filter.conditions().newestFirst(), filter, "~", 21),
                filter, Map.of("before", "~", "limit", 21));

        assertThat(Plans.reads(plan, "grants_customer")).as("reads grants_customer: %s", plan).isTrue();
        assertThat(Plans.sorts(server, plan)).as("sorts: %s", plan).isFalse();
    }

    /** Pending grants are few, so reading them through the status index is as good as the agent's. */
    @Test
    void anAgentsPendingGrants_ShouldBeReadThroughAnIndexOfTheFiltersWithoutASort() {
        GrantFilter filter = new GrantFilter(null, "pending_approval", "agent_plan", null, null, null, null);
        String plan = Plans.explain(server, handle -> handle.attach(GrantDao.class)
                        .pendingQueue(filter.conditions().where(), filter.conditions().oldestFirst(), filter, "", 21),
                filter, Map.of("after", "", "limit", 21));

        assertThat(Plans.reads(plan, "grants_agent") || Plans.reads(plan, "grants_status"))
                .as("reads grants_agent or grants_status: %s", plan).isTrue();
        assertThat(Plans.sorts(server, plan)).as("sorts: %s", plan).isFalse();
    }
}
