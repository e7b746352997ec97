package com.amends.platform;

/**
 * The stable machine codes of every problem answer. Clients branch on {@link #code()}, so a
 * code, once published, is never renamed; the HTTP status travels with it.
 */
public enum ErrorCode {
    BAD_REQUEST(400, "The request could not be read as HTTP"),
    MALFORMED_JSON(400, "The request body is not valid JSON"),
    INVALID_PARAMETER(400, "A query, path or header parameter is invalid"),
    INVALID_CURSOR(400, "The pagination cursor is not one this server issued"),
    IDEMPOTENCY_KEY_MISSING(400, "This request moves value and needs an Idempotency-Key header"),
    UNAUTHORIZED(401, "A valid API key is required"),
    API_KEY_EXPIRED(401, "The API key has expired; ask an admin for a new one or to roll it"),
    FORBIDDEN(403, "This API key's role may not do that"),
    SELF_APPROVAL(403, "The agent who asked for a grant may not decide it"),
    NOT_FOUND(404, "No such resource"),
    CUSTOMER_NOT_FOUND(404, "No such customer"),
    GRANT_NOT_FOUND(404, "No such grant"),
    REASON_CODE_NOT_FOUND(404, "No such reason code"),
    API_KEY_NOT_FOUND(404, "No such API key"),
    VOUCHER_NOT_FOUND(404, "No voucher has this code"),
    HOLD_NOT_FOUND(404, "No such hold"),
    REDEMPTION_NOT_FOUND(404, "No such redemption"),
    POLICY_NOT_FOUND(404, "No such policy or budget"),
    EVENT_NOT_FOUND(404, "No such event"),
    CAMPAIGN_NOT_FOUND(404, "No such campaign or batch"),
    WEBHOOK_ENDPOINT_NOT_FOUND(404, "No such webhook endpoint"),
    METHOD_NOT_ALLOWED(405, "Method not allowed on this resource"),
    NOT_ACCEPTABLE(406, "The requested media type is not available"),
    IDEMPOTENCY_KEY_IN_USE(409, "A request with this Idempotency-Key is still being processed"),
    REASON_CODE_EXISTS(409, "A reason code with that code exists already"),
    GRANT_NOT_REVOCABLE(409, "The grant is not in a state that can be revoked"),
    API_KEY_REVOKED(409, "The API key is revoked already"),
    ALREADY_COMPENSATED(409, "This case was compensated already; say top_up to give more, with approval"),
    GRANT_NOT_PENDING(409, "The grant is not waiting for approval"),
    CAMPAIGN_CLOSED(409, "The campaign is closed to new recipients"),
    HOLD_NOT_ACTIVE(409, "The hold was captured, released or expired already"),
    REQUEST_TIMEOUT(408, "The request body did not arrive in time"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    URI_TOO_LONG(414, "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "The request is not valid"),
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was used with a different request"),
    REASON_CODE_UNKNOWN(422, "The reason code does not exist"),
    REASON_CODE_INACTIVE(422, "The reason code is not active"),
    INSUFFICIENT_BALANCE(422, "The balance is not sufficient"),
    BUDGET_EXHAUSTED(422, "A hard budget does not have room for this grant"),
    INSUFFICIENT_POINTS(422, "The customer does not have enough points"),
    VOUCHER_CODE_MISTYPED(422, "The code's check character does not match: it was mistyped"),
    VOUCHER_EXPIRED(422, "The voucher has expired"),
    VOUCHER_REVOKED(422, "The voucher was revoked"),
    VOUCHER_USED_UP(422, "The voucher has been used up"),
    VOUCHER_ON_HOLD(422, "The voucher is held for another order"),
    CURRENCY_MISMATCH(422, "The currency does not match the voucher's"),
    CURRENCY_NOT_SUPPORTED(422, "Points have no value configured in this currency"),
    CAPTURE_EXCEEDS_HOLD(422, "More was asked to capture than the hold holds"),
    REVERSAL_EXCEEDS_REDEEMED(422, "More was asked to reverse than is left of the redemption"),
    REQUEST_HEADERS_TOO_LARGE(431, "The request headers are too large"),
    TOO_MANY_FAILED_LOOKUPS(429, "Too many unknown voucher codes from this API key; wait and retry"),
    RATE_LIMITED(429, "This API key sent more requests than its limit; wait and retry"),
    INTERNAL_ERROR(500, "An unexpected error occurred"),
    SERVICE_UNAVAILABLE(503, "The database cannot be reached or cannot take the request now; retry after Retry-After");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /**
     * A refusal that says "not now" rather than "no": the same request may succeed later, so an
     * idempotent retry must run again instead of being told the stored refusal.
     */
    public boolean retryable() {
        return this == TOO_MANY_FAILED_LOOKUPS || this == RATE_LIMITED || this == IDEMPOTENCY_KEY_IN_USE
                || this == SERVICE_UNAVAILABLE;
    }

    /** The wire form, e.g. {@code insufficient_balance}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
