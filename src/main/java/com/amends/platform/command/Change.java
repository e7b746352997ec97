package com.amends.platform.command;

/**
 * A change made through the API, named as the audit trail shows it: what was done
 * ({@code action}, the operation's id), to what kind of thing, and to which one.
 *
 * @param targetId the changed thing's id when the request names it; when null, the {@code id} of
 *                 the answer (or of the state before, for a deletion)
 * @param request  what was asked: it names the agent for the audit event, and for a change run
 *                 once it tells a retry from a new request
 * @param removes  the change deletes its target: its answer is the target as it was, and after it
 *                 there is nothing to record
 */
public record Change(String action, String targetType, String targetId, Object request, boolean removes) {
    public static Change of(String action, String targetType) {
        return new Change(action, targetType, null, null, false);
    }

    public Change target(String id) {
        return new Change(action, targetType, id, request, removes);
    }

    public Change request(Object asked) {
        return new Change(action, targetType, targetId, asked, removes);
    }

    /** A DELETE answers what it removed, as every DELETE does; the record of it keeps no state after. */
    public Change removal() {
        return new Change(action, targetType, targetId, request, true);
    }
}
