package com.amends.platform.command;

/**
 * Where a change made through the API is recorded, inside the change's own transaction, so that
 * the record exists exactly when the change does. The audit trail implements it; the platform
 * only calls it.
 */
public interface ChangeLog {
    void record(String action, String targetType, String targetId, Object request, Object before, Object after);
}
