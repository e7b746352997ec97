package com.amends.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A bearer credential the application shows in answers (a voucher code) and how to mask it
 * where it must not be read whole: audit records, and the events feed as finance reads it.
 * {@code credential} matches one whole value.
 */
public record CredentialMask(Pattern credential, UnaryOperator<String> masked) {

    public boolean matches(String value) {
        return value != null && credential.matcher(value).matches();
    }

    /** Masks, in place, every string value of the tree that is a credential. */
    public JsonNode maskAll(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && matches(value.textValue())) {
                    object.set(name, TextNode.valueOf(masked.apply(value.textValue())));
                } else {
                    maskAll(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && matches(value.textValue())) {
                    array.set(i, TextNode.valueOf(masked.apply(value.textValue())));
                } else {
                    maskAll(value);
                }
            }
        }
        return node;
    }
}
