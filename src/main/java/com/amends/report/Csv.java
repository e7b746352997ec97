package com.amends.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * RFC 4180 CSV written row by row to the response, so that an export never sits in memory.
 * Money is written in decimal major units (10.00) beside its currency; points as whole numbers.
 */
public final class Csv {
    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    public void row(List<?> values) {
        try {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(values.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // A leading =, +, - or @ would run as a formula in a spreadsheet; the quote keeps it text.
        if (!text.isEmpty() && "=+@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** Minor units as a decimal in major units for a currency; points stay whole. */
    static String amount(long minor, String unit) {
        if (unit == null || unit.equals("points")) {
            return Long.toString(minor);
        }
        int digits = Math.max(0, Currency.getInstance(unit).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
