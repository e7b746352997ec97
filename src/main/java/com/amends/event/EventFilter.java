package com.amends.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The feed's filters. Only the filters given are written into the statement, and the ORDER BY
 * starts with the column of the index that serves the first of them, so that the database reads
 * that index in order instead of sorting the events it finds.
 */
public record EventFilter(List<EventType> types, String customerId, Instant from, Instant to) {

    List<String> typeNames() {
        return types.stream().map(EventType::wire).toList();
    }

    String conditions() {
        List<String> parts = new ArrayList<>();
        if (customerId != null) {
            parts.add("customer_id = :customerId");
        }
        if (!types.isEmpty()) {
            parts.add("type IN (<types>)");
        }
        if (from != null) {
            parts.add("created_at >= :from");
        }
        if (to != null) {
            parts.add("created_at < :to");
        }
        return parts.isEmpty() ? "" : "AND " + String.join(" AND ", parts);
    }

    String order() {
        if (customerId != null) {
            return "customer_id, seq";
        }
        return types.size() == 1 ? "type, seq" : "seq";
    }
}
