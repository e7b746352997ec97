package com.amends.platform;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document, with the stable {@code code} every Amends error carries. */
@Schema(name = "Problem", description = "RFC 9457 problem details with a stable machine code")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "code", "detail", "errors"})
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";

    private final ErrorCode errorCode;
    private final String detail;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public Problem(ErrorCode errorCode, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        this.errorCode = errorCode;
        this.detail = detail;
        this.errors = errors;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    @Schema(example = "urn:amends:problem:insufficient_balance")
    public String getType() {
        return "urn:amends:problem:" + errorCode.code();
    }

    @Schema(example = "The balance is not sufficient")
    public String getTitle() {
        return errorCode.title();
    }

    @Schema(example = "422")
    public int getStatus() {
        return errorCode.status();
    }

    @Schema(example = "insufficient_balance", description = "Stable machine code; branch on this")
    public String getCode() {
        return errorCode.code();
    }

    @Schema(example = "The voucher has 300 EUR minor units left, 500 were asked for")
    public String getDetail() {
        return detail;
    }

    @Schema(description = "Per-field errors, on validation failures")
    public List<FieldError> getErrors() {
        return errors;
    }

    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
