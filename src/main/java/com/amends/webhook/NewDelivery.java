package com.amends.webhook;

import java.time.Instant;

/** A delivery about to be queued: due at once. */
record NewDelivery(String id, String endpointId, long eventSeq, String eventId, String orderingKey, Instant createdAt) {}
