package com.amends.points;

import java.util.Map;

/**
 * Points given back to lots: {@code live} went back into lots still valid; the rest belong to lots
 * past expiry or of revoked grants, and go to those accounts, each part under its own grant.
 */
public record Restored(long live, Map<String, Long> expiredByGrant, Map<String, Long> revokedByGrant) {
    public long expired() {
        return expiredByGrant.values().stream().mapToLong(Long::longValue).sum();
    }

    public long revoked() {
        return revokedByGrant.values().stream().mapToLong(Long::longValue).sum();
    }

    public long total() {
        return live + expired() + revoked();
    }
}
