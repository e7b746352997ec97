package com.amends.points;

import java.time.Instant;

public record Lot(String id, long remaining, Instant expiresAt) {}
