package com.amends.auth;

import com.amends.platform.ratelimit.Rate;
import java.security.Principal;

/**
 * The API key a request was made with.
 *
 * @param rateLimit the key's own rate limit, or null for its role's
 */
public record Caller(String keyId, String keyName, Role role, Rate rateLimit) implements Principal {
    public Caller(String keyId, String keyName, Role role) {
        this(keyId, keyName, role, null);
    }

    @Override
    public String getName() {
        return keyName;
    }
}
