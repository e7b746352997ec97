package com.amends.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
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

    /**
     * Masks, in place, every credential in the tree's string values: a value that is one, and one
     * written inside text (a campaign's message tells the customer their code).
     */
    public JsonNode maskAll(JsonNode node) {
        // Standing alone in the text: a part of a longer token (an upper-case UUID) is no credential.
        return maskAll(node, Pattern.compile("(?<![0-9A-Za-z-])(?:" + credential.pattern() + ")(?![0-9A-Za-z-])"));
    }

    private JsonNode maskAll(JsonNode node, Pattern within) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual()) {
                    object.set(name, TextNode.valueOf(maskWithin(within, value.textValue())));
                } else {
                    maskAll(value, within);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    array.set(i, TextNode.valueOf(maskWithin(within, value.textValue())));
                } else {
                    maskAll(value, within);
                }
            }
        }
        return node;
    }

    private String maskWithin(Pattern within, String text) {
        return within.matcher(text).replaceAll(found -> Matcher.quoteReplacement(masked.apply(found.group())));
    }
}
