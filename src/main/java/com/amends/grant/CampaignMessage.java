package com.amends.grant;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's message with one grant's values put in: what the shop's email service sends the
 * customer, carried by the grant's grant.issued event.
 */
@Schema(name = "CampaignMessage")
public record CampaignMessage(@Schema(nullable = true) String subject, @Schema(nullable = true) String body) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    /** Null when the campaign has no message. Unknown placeholders cannot be stored, so none is left. */
    static CampaignMessage render(String subject, String body, Map<String, String> values) {
        if (subject == null && body == null) {
            return null;
        }
        return new CampaignMessage(fill(subject, values), fill(body, values));
    }

    private static String fill(String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
