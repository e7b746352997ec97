package com.amends.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal that a client caused and can act on. Services throw it; the one problem mapper turns
 * it into an {@code application/problem+json} answer. Throwing it inside a transaction rolls the
 * transaction back, so a refused request changes nothing.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode errorCode;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, List.of(), Map.of());
    }

    public ApiException(ErrorCode errorCode, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
        this.errors = List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public static ApiException invalid(String field, String message) {
        return field(ErrorCode.VALIDATION_FAILED, field, message);
    }

    /** A refusal about one field of the request, with a code more specific than validation_failed. */
    public static ApiException field(ErrorCode code, String field, String message) {
        return new ApiException(code, field + " " + message, List.of(new FieldError(field, message)), Map.of());
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Problem toProblem() {
        return new Problem(errorCode, getMessage(), errors.isEmpty() ? null : errors, extensions);
    }
}
