package com.amends.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies that tests change a field or two of. */
public final class Bodies {
    private Bodies() {}

    public static String newCustomer() {
        return "cust-" + UUID.randomUUID();
    }

    public static Map<String, Object> pointsGrant(String customerId, long points) {
        Map<String, Object> body = grant(customerId, "SHIPPING_DELAY");
        body.put("points", points);
        return body;
    }

    public static Map<String, Object> amountVoucherGrant(String customerId, long amount, String currency) {
        Map<String, Object> body = grant(customerId, "DAMAGED_ITEM");
        body.put("voucher", Map.of("type", "amount", "value", Map.of("amount", amount, "currency", currency)));
        return body;
    }

    public static Map<String, Object> percentVoucherGrant(String customerId, int percent, long cap) {
        Map<String, Object> body = grant(customerId, "WRONG_ITEM");
        body.put("voucher", Map.of("type", "percent", "percent_off", percent,
                "max_discount", Map.of("amount", cap, "currency", "EUR")));
        return body;
    }

    public static Map<String, Object> grant(String customerId, String reasonCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_id", customerId);
        body.put("agent_id", "agent-7");
        body.put("reason_code", reasonCode);
        body.put("case_ref", "ZD-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("channel", "email");
        body.put("note", "parcel 3 days late");
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }
}
