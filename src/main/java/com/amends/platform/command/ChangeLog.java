package com.amends.platform.command;

import com.amends.platform.Tx;

/**
 * Where a change made through the API is recorded, inside the change's own transaction, so that
 * the record exists exactly when the change does. The audit trail implements it; the platform
 * only calls it.
 */
public interface ChangeLog {
    /** @param before the state before the change, or null; @param after its answer, or null */
    void record(Tx tx, Change change, Object before, Object after);
}
