package com.amends.redemption;

import java.time.Instant;

/** Points a redemption took from one lot, and how many of them were given back. */
public record RedemptionLot(String lotId, long points, long reversed, Instant expiresAt) {}
