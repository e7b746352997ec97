package com.amends.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Plans;
import com.amends.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The history of one object, the question an investigation asks most, reads that object's index in order. */
@Tag("database")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class AuditListPlanTest {
    @Parameter
    TestServer server;

    @Test
    void oneTargetsEvents_ShouldBeReadThroughTheTargetIndexWithoutASort() {
        AuditFilter filter = new AuditFilter(null, null, null, null, "grt_plan");
        String plan = Plans.explain(server, handle -> handle.attach(AuditDao.class)
                        .list(filter.conditions().where(), filter.conditions().newestFirst(), filter, Long.MAX_VALUE, 21),
                filter, Map.of("before", Long.MAX_VALUE, "limit", 21));

        assertThat(Plans.reads(plan, "audit_events_target")).as("reads audit_events_target: %s", plan).isTrue();
        assertThat(Plans.sorts(server, plan)).as("sorts: %s", plan).isFalse();
    }
}
