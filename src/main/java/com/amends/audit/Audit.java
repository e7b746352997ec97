package com.amends.audit;

import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.voucher.VoucherCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Writes one audit event per change made through the API, inside the change's own transaction:
 * the event exists exactly when the change does. Events are never updated here; the chain
 * ({@link AuditChain}) seals them afterwards.
 */
public final class Audit {
    /** A voucher code is a bearer credential and an API key secret is one outright: neither is kept. */
    private static final Pattern VOUCHER_CODE = Pattern.compile("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}");
    private static final int MAX_LIST_ITEMS = 20;

    private final Transactor tx;
    private final AuditDao dao;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;

    public Audit(Transactor tx, ObjectMapper mapper, Ids ids, Clock clock) {
        this.tx = tx;
        this.dao = tx.onDemand(AuditDao.class);
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Runs a change and its audit event in one transaction. {@code before} is read inside it,
     * ahead of the change; the target is {@code targetId} or, when null, the {@code id} of the result.
     */
    public <T> T change(String action, String targetType, String targetId, Object request, Supplier<?> before,
                        Supplier<T> work) {
        return change(action, targetType, targetId, request, before, (Function<Tx, T>) t -> work.get());
    }

    /** The same, for work that takes the transaction it runs in. */
    public <T> T change(String action, String targetType, String targetId, Object request, Supplier<?> before,
                        Function<Tx, T> work) {
        return tx.inTransaction((Tx t) -> {
            Object was = before == null ? null : before.get();
            T result = work.apply(t);
            record(action, targetType, targetId, request, was, result);
            return result;
        });
    }

    /** Records a change inside the caller's transaction. */
    public void record(String action, String targetType, String targetId, Object request, Object before, Object after) {
        JsonNode beforeTree = before == null ? null : mapper.valueToTree(before);
        JsonNode afterTree = after == null ? null : mapper.valueToTree(after);
        String target = targetId != null ? targetId : idOf(afterTree != null ? afterTree : beforeTree);
        String type = targetType != null ? targetType : typeOf(after != null ? after : before);
        RequestContext who = RequestContext.current();
        dao.insert(new AuditEventRow(0, ids.next("aud"), clock.instant(), who.apiKeyId(), who.apiKeyName(), who.role(),
                agentOf(request), action, type, target, who.requestId(), who.clientAddress(),
                state(beforeTree), state(afterTree), null, null));
    }

    /** The trees come fresh from {@code valueToTree}, so they are sanitized in place. */
    private static String state(JsonNode tree) {
        return tree == null || tree.isNull() ? null : sanitize(tree).toString();
    }

    /** Drops secrets, masks voucher codes to their last four characters, and shortens long lists. */
    static JsonNode sanitize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("secret");
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && VOUCHER_CODE.matcher(value.textValue()).matches()) {
                    object.set(name, TextNode.valueOf(VoucherCodes.masked(value.textValue())));
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

    /** GrantView becomes "grant", BatchView "batch": the resource the change was made to. */
    private static String typeOf(Object value) {
        if (value == null) {
            return "unknown";
        }
        String name = value.getClass().getSimpleName().replaceAll("(View|Row)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
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
