package com.amends.event;

import com.amends.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading the events feed as a consumer does: page after page, following next_cursor. */
final class Feed {
    private Feed() {}

    /** Every event the query finds, oldest first, read in pages of {@code limit}. */
    static List<JsonNode> all(Api api, String query, int limit) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            JsonNode page = api.get("/v1/events?limit=" + limit + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
            if (page.path("data").isEmpty()) {
                return events;
            }
            page.path("data").forEach(events::add);
            cursor = page.path("next_cursor").asText();
        }
        throw new AssertionError("the feed did not end within 1000 pages");
    }

    static List<JsonNode> all(Api api, String query) {
        return all(api, query, 100);
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }
}
