package com.amends.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The CSV a spreadsheet writes, read into the rows a batch is made of. */
@Tag("fast")
class RecipientsCsvTest {

    @Test
    void aHeaderLineNamesTheColumnsAndIsSkipped() {
        assertThat(RecipientsCsv.parse("customer_id,order_ref\ncust-1,order-9\ncust-2\n"))
                .containsExactly(new Recipient("cust-1", "order-9"), new Recipient("cust-2", null));
    }

    @Test
    void aFirstLineOfDataIsKept() {
        assertThat(RecipientsCsv.parse("cust-1,order-9\ncust-2,order-10"))
                .containsExactly(new Recipient("cust-1", "order-9"), new Recipient("cust-2", "order-10"));
    }

    @Test
    void aByteOrderMarkIsDroppedBeforeTheHeaderIsRecognised() {
        assertThat(RecipientsCsv.parse("\uFEFFCustomer_ID,order_ref\r\ncust-1,order-9\r\n"))
                .containsExactly(new Recipient("cust-1", "order-9"));
    }

    @Test
    void windowsAndOldMacLineEndsSplitLinesToo() {
        assertThat(RecipientsCsv.parse("cust-1\r\ncust-2\rcust-3\n"))
                .extracting(Recipient::customerId).containsExactly("cust-1", "cust-2", "cust-3");
    }

    @Test
    void onlyOneBlankTrailingLineIsDropped() {
        assertThat(RecipientsCsv.parse("cust-1\n\n")).containsExactly(new Recipient("cust-1", null),
                new Recipient("", null));
    }

    @Test
    void quotedFieldsKeepCommasAndDoubledQuotes() {
        assertThat(RecipientsCsv.parse("\"cust-1\",\"order \"\"9\"\", late\"\n"))
                .containsExactly(new Recipient("cust-1", "order \"9\", late"));
    }

    @Test
    void fieldsAreTrimmedAndABlankOrderRefIsNone() {
        assertThat(RecipientsCsv.parse("  cust-1 ,   \n"))
                .containsExactly(new Recipient("cust-1", null));
    }
}
