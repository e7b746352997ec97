package com.amends.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The memory all request bodies being read ahead ({@link BodyBuffer}) may hold together, so that
 * many connections sending large bodies cannot exhaust the heap. Each body's first
 * {@link #FREE_BYTES} do not count: the small bodies of nearly every request never wait, and what
 * they hold is bounded by the connection limit. A body that finds the memory taken stops being read
 * (the client's writes stall, no thread waits) until another body gives some back.
 */
final class BodyMemory {
    static final int FREE_BYTES = 16 * 1024;

    private final long capacity;
    private long used;
    private final Set<Runnable> waiting = new LinkedHashSet<>();

    BodyMemory(long capacity) {
        this.capacity = capacity;
    }

    /** Takes n bytes, or returns false and runs {@code retry} once some are given back. */
    synchronized boolean take(long n, Runnable retry) {
        if (used + n <= capacity) {
            used += n;
            return true;
        }
        waiting.add(retry);
        return false;
    }

    void give(long n) {
        if (n == 0) {
            return;
        }
        List<Runnable> wake;
        synchronized (this) {
            used -= n;
            wake = new ArrayList<>(waiting);
            waiting.clear();
        }
        // Each tries again; those that still do not fit wait again.
        wake.forEach(Runnable::run);
    }

    synchronized void forget(Runnable retry) {
        waiting.remove(retry);
    }

    synchronized long used() {
        return used;
    }
}
