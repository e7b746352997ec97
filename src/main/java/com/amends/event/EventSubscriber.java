package com.amends.event;

import com.amends.platform.Tx;
import java.util.List;
import java.util.OptionalLong;

/**
 * What must happen with new events in the transaction that writes them (the webhook deliveries
 * they owe), and what must be kept when old events are pruned. Implemented above this package,
 * so that events know nothing of webhooks.
 */
public interface EventSubscriber {
    /** Events just written, in the transaction of the change they tell of. */
    void written(Tx tx, List<StoredEvent> events);

    /** The lowest event {@code seq} something still needs (a delivery not yet made), if any. */
    OptionalLong oldestNeeded(Tx tx);

    /** Events up to {@code seq} are about to be deleted: forget what refers to them. */
    void forget(Tx tx, long seq);
}
