package com.amends.campaign;

import com.amends.customer.Customers;
import java.util.regex.Pattern;

/** Whether a row as sent can be credited, and what of it may be stored. */
final class RecipientCheck {
    private static final Pattern CUSTOMER_ID = Pattern.compile(Customers.ID_PATTERN);

    private RecipientCheck() {
    }

    /** Why the row cannot be credited; null when it can. */
    static String problem(Recipient recipient) {
        if (recipient == null || recipient.customerId() == null || recipient.customerId().isBlank()) {
            return "customer_id is blank";
        }
        if (recipient.customerId().length() > 64) {
            return "customer_id is longer than 64 characters";
        }
        if (!CUSTOMER_ID.matcher(recipient.customerId()).matches()) {
            return "customer_id may only hold A-Z, a-z, 0-9 and . _ : @ -";
        }
        if (recipient.orderRef() != null && recipient.orderRef().length() > 100) {
            return "order_ref is longer than 100 characters";
        }
        if (recipient.orderRef() != null && !recipient.orderRef().equals(printable(recipient.orderRef()))) {
            return "order_ref holds control characters";
        }
        return null;
    }

    /** What may be stored of a value as sent: control characters (NUL above all) become '?', at most 100 characters. */
    static String storable(String value) {
        String printable = printable(value);
        return printable == null || printable.length() <= 100 ? printable : printable.substring(0, 100);
    }

    private static String printable(String value) {
        return value == null ? null : value.replaceAll("\\p{Cntrl}", "?");
    }
}
