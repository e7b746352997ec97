package com.amends.reason;

import java.time.Instant;

public record ReasonCodeRow(
        String code,
        String name,
        String category,
        boolean active,
        String suggestedReward,
        int defaultValidityDays,
        Instant createdAt,
        Instant updatedAt) {}
