package com.amends.audit;

import com.amends.platform.Cursor;
import com.amends.platform.Json;
import com.amends.platform.ListConditions;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Consumer;

/** Reads the audit trail. */
public final class AuditTrail {
    private static final int STREAM_BATCH = 1000;
    private final AuditDao dao;
    private final ObjectMapper mapper;

    public AuditTrail(Transactor transactor, ObjectMapper mapper) {
        this.dao = transactor.onDemand(AuditDao.class);
        this.mapper = mapper;
    }

    public Page<AuditEventView> list(AuditFilter filter, int limit, String cursor) {
        long before = Cursor.decodeLong(cursor);
        ListConditions conditions = filter.conditions();
        // One statement: no transaction, so that on H2 it does not queue behind the writers.
        List<AuditEventRow> rows = dao.list(conditions.where(), conditions.newestFirst(), filter, before, limit + 1);
        return Page.of(rows, limit, row -> Long.toString(row.seq()), this::view);
    }

    /**
     * Every event the filter matches, newest first, to a consumer a batch at a time, so that an
     * export of a long trail never sits in memory. Each batch is one statement, as a page is.
     */
    public void stream(AuditFilter filter, Consumer<AuditEventView> sink) {
        ListConditions conditions = filter.conditions();
        long before = Long.MAX_VALUE;
        List<AuditEventRow> rows;
        do {
            rows = dao.list(conditions.where(), conditions.newestFirst(), filter, before, STREAM_BATCH);
            rows.forEach(row -> sink.accept(view(row)));
            before = rows.isEmpty() ? before : rows.get(rows.size() - 1).seq();
        } while (rows.size() == STREAM_BATCH);
    }

    private AuditEventView view(AuditEventRow row) {
        return new AuditEventView(row.id(), row.occurredAt(), row.apiKeyId(), row.apiKeyName(), row.role(),
                row.agentId(), row.action(), row.targetType(), row.targetId(), row.requestId(), row.clientAddress(),
                tree(row.beforeState()), tree(row.afterState()), row.chainPosition(), row.hash());
    }

    private JsonNode tree(String json) {
        return json == null ? null : Json.read(mapper, json, JsonNode.class);
    }
}
