package com.amends.points;

import java.time.Instant;

public record Lot(String id, String grantId, long remaining, Instant expiresAt) {}
