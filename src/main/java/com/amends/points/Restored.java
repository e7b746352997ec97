package com.amends.points;

/** Points given back to lots: {@code live} went back into lots still valid, {@code expired} into lots past expiry. */
public record Restored(long live, long expired) {}
