package com.amends.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Rows that nearly every request reads and an operator seldom changes (reason codes, the
 * controls' settings), kept for a short lifetime on the injected clock so that most requests
 * read none of them. A change made through this instance clears every entry when its
 * transaction ends, so the next request here sees it; another instance keeps its copy until the
 * lifetime runs out, so a change takes effect everywhere within that lifetime, as revoking an
 * API key does. A lifetime of zero keeps nothing.
 *
 * <p>A read racing a change cannot keep what it read from before the change: each entry carries
 * the generation it was read in, the end of a change's transaction starts a new generation, and
 * an entry of an older generation is read again. Clearing also on a rollback drops what the
 * change's own transaction may have read of its uncommitted rows.
 */
public final class ShortCache<K, V> {
    private final Cache<K, Entry<V>> entries;
    private final AtomicLong generation = new AtomicLong();
    private final boolean off;

    public ShortCache(Duration lifetime, Clock clock) {
        this.off = lifetime.isZero();
        // The clock's time, not the machine's: a test that moves its clock sees entries run out.
        this.entries = Caffeine.newBuilder().expireAfterWrite(lifetime).ticker(() -> clock.millis() * 1_000_000L)
                .maximumSize(lifetime.isZero() ? 0 : 10_000).build();
    }

    /** The value for {@code key}, read with {@code load} when it is not kept (null is kept too). */
    public V get(K key, Function<K, V> load) {
        if (off) {
            return load.apply(key);
        }
        long current = generation.get();
        Entry<V> kept = entries.getIfPresent(key);
        if (kept != null && kept.generation() == current) {
            return kept.value();
        }
        V value = load.apply(key);
        entries.put(key, new Entry<>(value, current));
        return value;
    }

    /** In the transaction of a change to what this keeps: everything is read again once it ends. */
    public void changed(Tx tx) {
        tx.afterEnd(this::clear);
        clear();
    }

    private void clear() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    private record Entry<V>(V value, long generation) {}
}
