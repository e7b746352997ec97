package com.amends.points;

/**
 * Points given back to lots: {@code live} went back into lots still valid; {@code expired} and
 * {@code revoked} belong to lots past expiry or of revoked grants, and go to those accounts.
 */
public record Restored(long live, long expired, long revoked) {
    public long total() {
        return live + expired + revoked;
    }
}
