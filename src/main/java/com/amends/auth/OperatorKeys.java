package com.amends.auth;

import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Keys the operator makes outside the API, which is how the first admin key comes to exist: the
 * jar's {@code create-api-key} command and the admin port's task of the same name. Each runs
 * through the same boundary as {@code POST /v1/api-keys}, so the audit trail records it as
 * {@code createApiKey} like any other; its author is no API key.
 */
public final class OperatorKeys {
    private static final int MAX_NAME = 100;

    private final ApiKeyService keys;
    private final Commands commands;

    public OperatorKeys(ApiKeyService keys, Commands commands) {
        this.keys = keys;
        this.commands = commands;
    }

    /** @throws IllegalArgumentException for a role or a name the API would refuse too, saying which */
    public ApiKeyView create(String role, String name) {
        Role parsed = Arrays.stream(Role.values()).filter(r -> r.wire().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be one of " + roles() + ", not " + role));
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME + " characters, not blank");
        }
        CreateApiKeyRequest request = new CreateApiKeyRequest(name, parsed);
        return commands.run(Change.of("createApiKey", "api_key").request(request), tx -> keys.create(tx, request));
    }

    /** The key without its secret, for the operator to read: the secret is printed alone, so that a shell can keep it. */
    public static String described(ApiKeyView key) {
        return "API key " + key.id() + " (" + key.role().wire() + ", " + key.name() + ")";
    }

    public static String roles() {
        return Arrays.stream(Role.values()).map(Role::wire).collect(Collectors.joining(", "));
    }
}
