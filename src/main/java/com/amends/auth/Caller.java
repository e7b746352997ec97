package com.amends.auth;

import java.security.Principal;

/** The API key a request was made with. */
public record Caller(String keyId, String keyName, Role role) implements Principal {
    @Override
    public String getName() {
        return keyName;
    }
}
