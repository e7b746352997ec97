package com.amends.customer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface CustomerDao {
    @SqlUpdate("INSERT INTO customers (id, created_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
    void ensure(String id, Instant now);

    @SqlBatch("INSERT INTO customers (id, created_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
    void ensureAll(@Bind("id") List<String> ids, @Bind("now") Instant now);

    @SqlQuery("SELECT id FROM customers WHERE id = :id <forUpdate>")
    Optional<String> lock(String id);

    @SqlQuery("SELECT created_at FROM customers WHERE id = :id")
    Optional<Instant> createdAt(String id);
}
