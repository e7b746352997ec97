package com.amends.platform.openapi;

import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.ratelimit.RateLimitFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;

/** The headers the server sets on answers, described once in the components and named by each answer that carries them. */
final class ResponseHeaders {
    static final String REQUEST_ID = "X-Request-Id";
    private static final String RETRY_AFTER = "Retry-After";
    /** The same header on a status whose other refusals do not carry it (409: only idempotency_key_in_use). */
    private static final String RETRY_AFTER_IF_RETRYABLE = "Retry-After-If-Retryable";
    private static final String CONTENT_DISPOSITION = "Content-Disposition";

    /** Statuses only refusals made before the command runs have: none of them is stored, so none is replayed. */
    private static final java.util.Set<String> BEFORE_THE_COMMAND =
            java.util.Set.of("400", "401", "406", "413", "414", "415", "429", "431", "500", "503");

    /** Statuses answered before the caller is known, so before any rate limit counts the request. */
    private static final java.util.Set<String> BEFORE_THE_CALLER = java.util.Set.of("401", "414", "431");

    private ResponseHeaders() {}

    static void addTo(Components components) {
        components.addHeaders(REQUEST_ID, new Header()
                .description("The request's id: the X-Request-Id the client sent when it is a sensible one, else one "
                        + "the server made; the audit trail records it. Absent on the few refusals made before the "
                        + "request reaches the API (a URI or headers too long).")
                .schema(new StringSchema().maxLength(100)));
        components.addHeaders(Idempotency.REPLAYED_HEADER, new Header()
                .description("true when this is the stored answer to an earlier request with the same Idempotency-Key; "
                        + "nothing was done again")
                .schema(new StringSchema()._enum(List.of("true"))));
        components.addHeaders(RETRY_AFTER, new Header().required(true)
                .description("Seconds to wait before trying again")
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
        components.addHeaders(RETRY_AFTER_IF_RETRYABLE, new Header()
                .description("Seconds to wait before trying again; sent with idempotency_key_in_use (the request holding "
                        + "the key is still running), not with the other conflicts, which a retry does not change")
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
        components.addHeaders(RateLimitFilter.LIMIT, new Header()
                .description("How many requests this API key may send at once (its burst) in the limit this operation "
                        + "counts in: the key's own limit, or the lower one of reports, exports and the audit trail. "
                        + "The limit refills at a steady rate per second. On every answer to an authenticated request; "
                        + "each server instance counts on its own.")
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ONE)));
        components.addHeaders(RateLimitFilter.REMAINING, new Header()
                .description("How many more requests the key may send now before it is refused with 429 rate_limited")
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
        components.addHeaders(RateLimitFilter.RESET, new Header()
                .description("Seconds until the limit is whole again if the key sends nothing meanwhile")
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
        components.addHeaders(CONTENT_DISPOSITION, new Header()
                .description("On CSV answers: attachment, with a file name")
                .schema(new StringSchema().example("attachment; filename=\"liability.csv\"")));
    }

    /** Names the headers each of an operation's answers may carry; {@code idempotent} when it takes an Idempotency-Key. */
    static void describe(ApiResponses responses, boolean idempotent) {
        responses.forEach((status, response) -> {
            add(response, REQUEST_ID);
            if (idempotent && !BEFORE_THE_COMMAND.contains(status)) {
                add(response, Idempotency.REPLAYED_HEADER);
            }
            if (!BEFORE_THE_CALLER.contains(status)) {
                add(response, RateLimitFilter.LIMIT);
                add(response, RateLimitFilter.REMAINING);
                add(response, RateLimitFilter.RESET);
            }
            if (status.equals("429") || status.equals("503")) {
                add(response, RETRY_AFTER);
            }
            if (idempotent && status.equals("409")) {
                response.addHeaderObject(RETRY_AFTER, new Header().$ref("#/components/headers/" + RETRY_AFTER_IF_RETRYABLE));
            }
            if (status.startsWith("2") && response.getContent() != null && response.getContent().containsKey("text/csv")) {
                add(response, CONTENT_DISPOSITION);
            }
        });
    }

    private static void add(ApiResponse response, String name) {
        response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name));
    }
}
