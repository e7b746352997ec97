package com.amends.audit;

import com.amends.platform.CredentialMask;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.platform.command.Change;
import com.amends.platform.command.ChangeLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one audit event per change made through the API, inside the change's own transaction:
 * the event exists exactly when the change does. Every change passes the platform's command
 * boundary, which calls this. Events are never updated here; the chain ({@link AuditChain})
 * seals them afterwards.
 */
public final class Audit implements ChangeLog {
    private static final int MAX_LIST_ITEMS = 20;

    private final AuditDao dao;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;
    private final CredentialMask credentials;

    /**
     * An API key's secret is a credential outright and is never kept; other bearer credentials
     * (a voucher code) are values the application names, and the event keeps them masked.
     */
    public Audit(Transactor transactor, ObjectMapper mapper, Ids ids, Clock clock, CredentialMask credentials) {
        this.dao = transactor.onDemand(AuditDao.class);
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
        this.credentials = credentials;
    }

    /** The target is the change's own, or else the {@code id} of the state after (before, for a deletion). */
    @Override
    public void record(Tx tx, Change change, Object before, Object after) {
        tx.requireOpen();
        JsonNode beforeTree = before == null ? null : mapper.valueToTree(before);
        JsonNode afterTree = after == null ? null : mapper.valueToTree(after);
        String target = change.targetId() != null ? change.targetId() : idOf(afterTree != null ? afterTree : beforeTree);
        RequestContext who = RequestContext.current();
        dao.insert(new AuditEventRow(0, ids.next("aud"), clock.instant(), who.apiKeyId(), who.apiKeyName(), who.role(),
                agentOf(change.request()), change.action(), change.targetType(), target, who.requestId(),
                who.clientAddress(), state(beforeTree), state(afterTree), null, null));
    }

    /** The trees come fresh from {@code valueToTree}, so they are sanitized in place. */
    private String state(JsonNode tree) {
        return tree == null || tree.isNull() ? null : sanitize(tree).toString();
    }

    /** Drops secrets, masks bearer credentials, and shortens long lists. */
    private JsonNode sanitize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("secret");
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && credentials.matches(value.textValue())) {
                    object.set(name, TextNode.valueOf(credentials.masked().apply(value.textValue())));
                } else {
                    object.set(name, sanitize(value));
                }
            }
        } else if (node instanceof ArrayNode array) {
            if (array.size() > MAX_LIST_ITEMS) {
                int size = array.size();
                ObjectNode summary = array.objectNode();
                summary.put("items", size);
                summary.put("omitted", "lists longer than " + MAX_LIST_ITEMS + " are counted, not copied");
                return summary;
            }
            for (int i = 0; i < array.size(); i++) {
                array.set(i, sanitize(array.get(i)));
            }
        }
        return node;
    }

    private static String idOf(JsonNode tree) {
        return tree != null && tree.hasNonNull("id") ? tree.get("id").asText() : null;
    }

    /** The agent named in the request, at its top or in its body, when there is one. */
    private String agentOf(Object request) {
        if (request == null) {
            return null;
        }
        JsonNode tree = mapper.valueToTree(request);
        for (JsonNode node : List.of(tree, tree.path("body"))) {
            if (node.hasNonNull("agent_id") && node.get("agent_id").isTextual()) {
                return node.get("agent_id").textValue();
            }
        }
        return null;
    }
}
