package com.amends.privacy;

import com.amends.ledger.Accounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites what was stored about one customer: their id becomes the pseudonym (alone, or as the
 * end of an account name such as {@code points:<id>}), and the free text people wrote about them
 * (notes, case references, reasons, the campaign message rendered for them) is blanked. Amounts,
 * ids of other things, times and statuses are left exactly as they were.
 */
final class Scrubber {
    /** What replaces a free-text value: still a string, so a stored answer keeps its shape. */
    static final String ERASED = "[erased]";
    /** Fields that hold what a person wrote (or a message rendered for the customer), wherever they appear. */
    static final Set<String> FREE_TEXT = Set.of("note", "case_ref", "decision_note", "revoke_reason", "reason", "message");

    private final ObjectMapper mapper;
    private final String pseudonym;
    /**
     * The id inside other text, where no id character touches it on either side (a "." may follow
     * it when it ends a sentence rather than a longer id), or as the end of its points account.
     */
    private final Pattern inText;
    private final Pattern inAccount;

    Scrubber(ObjectMapper mapper, String customerId, String pseudonym) {
        this.mapper = mapper;
        this.pseudonym = pseudonym;
        this.inText = standalone(customerId);
        this.inAccount = standalone(Accounts.points(customerId));
    }

    /** A stored JSON document rewritten; text that is not JSON is rewritten as text. */
    String json(String stored) {
        if (stored == null) {
            return null;
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(stored);
        } catch (IOException notJson) {
            return text(stored);
        }
        if (tree == null) {
            return text(stored);
        }
        return scrub(tree, false).toString();
    }

    /** Plain text: the id, where it stands alone or names its points account, becomes the pseudonym. */
    String text(String stored) {
        if (stored == null) {
            return null;
        }
        String accounts = inAccount.matcher(stored).replaceAll(Matcher.quoteReplacement(Accounts.points(pseudonym)));
        return inText.matcher(accounts).replaceAll(Matcher.quoteReplacement(pseudonym));
    }

    private static Pattern standalone(String name) {
        return Pattern.compile("(?<![A-Za-z0-9._:@-])" + Pattern.quote(name) + "(?![A-Za-z0-9_:@-]|\\.[A-Za-z0-9._:@-])");
    }

    private JsonNode scrub(JsonNode node, boolean freeText) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, scrub(object.get(name), freeText || FREE_TEXT.contains(name)));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrub(array.get(i), freeText));
            }
            return array;
        }
        if (node.isTextual()) {
            return freeText ? TextNode.valueOf(ERASED) : TextNode.valueOf(text(node.textValue()));
        }
        return node;
    }
}
