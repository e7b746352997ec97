package com.amends.campaign;

import com.amends.platform.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV batch: {@code customer_id[,order_ref]} a line, fields optionally in double quotes; a
 * first line whose first field is {@code customer_id} names the columns and is skipped, and
 * a leading byte-order mark (as spreadsheets write) is dropped.
 */
public final class RecipientsCsv {
    private RecipientsCsv() {
    }

    public static List<Recipient> parse(String csv) {
        if (csv.startsWith("\uFEFF")) {
            csv = csv.substring(1);
        }
        List<Recipient> recipients = new ArrayList<>();
        String[] lines = csv.split("\\r\\n|\\r|\\n", -1);
        int last = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        for (int i = 0; i < last; i++) {
            List<String> fields = fields(lines[i]);
            if (i == 0 && fields.get(0).strip().equalsIgnoreCase("customer_id")) {
                continue;
            }
            String order = fields.size() > 1 ? fields.get(1).strip() : null;
            for (String field : fields) {
                if (field.length() > Recipient.MAX_FIELD_LENGTH) {
                    throw ApiException.invalid("line " + (i + 1), "has a field longer than " + Recipient.MAX_FIELD_LENGTH
                            + " characters");
                }
            }
            recipients.add(new Recipient(fields.get(0).strip(), order == null || order.isEmpty() ? null : order));
        }
        return recipients;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
