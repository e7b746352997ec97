package com.amends.platform;

import io.swagger.v3.oas.annotations.media.Schema;

/** One invalid field of a request: its JSON path (snake_case) and what is wrong with it. */
@Schema(name = "FieldError")
public record FieldError(
        @Schema(example = "customer_id") String field,
        @Schema(example = "must match \"[A-Za-z0-9._:@-]{1,64}\"") String message) {}
