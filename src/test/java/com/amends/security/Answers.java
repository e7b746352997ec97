package com.amends.security;

import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** What a clean answer to a bad request looks like, as one check the security tests share. */
final class Answers {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z_]*[a-z]");
    /** Signs of internals leaking: stack frames, exception names, SQL, driver names. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at com.", "at org.", "SQL", "org.h2",
            "org.postgresql", "jdbc:", "SELECT ", "INSERT ", "UPDATE ");

    private Answers() {}

    /**
     * Answers what is wrong with the reply, or null when it is fine: never a 5xx; a 4xx when the
     * request must be refused; every 4xx a problem+json whose code and status are stated; no
     * internals in the body.
     */
    static String problemIn(Reply reply, boolean mustBeRefused) {
        int status = reply.status();
        if (status >= 500) {
            return "answered " + status + ": " + abbreviated(reply.text());
        }
        if (mustBeRefused && status < 400) {
            return "accepted with " + status + ": " + abbreviated(reply.text());
        }
        for (String leak : LEAKS) {
            if (reply.text().contains(leak)) {
                return "shows internals (" + leak.strip() + "): " + abbreviated(reply.text());
            }
        }
        if (status < 400) {
            return null;
        }
        String type = reply.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return status + " with content type " + type;
        }
        JsonNode problem = reply.json();
        if (!CODE.matcher(problem.path("code").asText()).matches() || problem.path("status").asInt() != status) {
            return status + " without a stable code: " + abbreviated(reply.text());
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
