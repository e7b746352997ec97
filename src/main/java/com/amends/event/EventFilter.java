package com.amends.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The feed's filters. Only the filters given are written into the statement, and the ORDER BY
 * starts with the column of the index that serves the first of them, so that the database reads
 * that index in order instead of sorting the events it finds.
 */
public record EventFilter(List<EventType> types, String customerId, Instant from, Instant to) {

    String conditions() {
        List<String> parts = new ArrayList<>();
        if (customerId != null) {
            parts.add("customer_id = :customerId");
        }
        if (!types.isEmpty()) {
            // Written out, not bound: a defined fragment is not rendered again, so a <types> list
            // inside it would reach the database as text. The names come from the enum, never the caller.
            parts.add("type IN (" + types.stream().map(type -> "'" + type.wire() + "'").collect(Collectors.joining(", "))
                    + ")");
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
