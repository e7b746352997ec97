package com.amends.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/** Who a key is: what an integration checks first, before it makes its first grant. */
@Schema(name = "Caller")
public record CallerView(
        @Schema(example = "key_01JD8X4T2N6V3K9QWERTY12345", requiredMode = Schema.RequiredMode.REQUIRED) String keyId,
        @Schema(example = "zendesk-app", requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Role role) {

    static CallerView of(Caller caller) {
        return new CallerView(caller.keyId(), caller.keyName(), caller.role());
    }
}
