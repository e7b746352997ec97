package com.amends.policy;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The usage rows grants were counted in (grant_usage), by the usage id the grants carry. */
interface UsageDao {

    @SqlBatch("INSERT INTO grant_usage (usage_id, kind, scope, period) VALUES (:usageId, :kind, :scope, :period)")
    void insert(@Bind("usageId") String usageId, @BindMethods List<Row> rows);

    @SqlQuery("SELECT kind, scope, period FROM grant_usage WHERE usage_id = :usageId ORDER BY kind DESC, scope")
    @RegisterConstructorMapper(Row.class)
    List<Row> rows(String usageId);

    record Row(String kind, String scope, String period) {}
}
