package com.amends.privacy;

import com.amends.platform.JsonLike;
import com.amends.platform.OneTransactionAtATime;
import com.amends.platform.Transactor;
import com.amends.platform.Csv;
import com.amends.wallet.Wallet;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * Everything Amends holds about one customer, streamed: the JSON export writes each table's rows
 * as it reads them and CSV writes one table, so a customer with a million rows costs no more
 * memory than one with ten. Every table is read in one read-only transaction, so the export is
 * one consistent moment of the books.
 */
public final class CustomerExport {
    private static final int FETCH = 500;

    private final Transactor transactor;
    private final ObjectMapper mapper;
    private final Clock clock;

    public CustomerExport(Transactor transactor, ObjectMapper mapper, Clock clock) {
        this.transactor = transactor;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The whole export as one JSON document: the wallet, then each table's rows. */
    void json(String customerId, Wallet wallet, OutputStream output) throws IOException {
        try (JsonGenerator json = mapper.getFactory().createGenerator(output)) {
            json.writeStartObject();
            json.writeStringField("customer_id", customerId);
            json.writeStringField("exported_at", clock.instant().toString());
            json.writeFieldName("wallet");
            json.writeTree(mapper.valueToTree(wallet));
            read(handle -> {
                for (ExportTable table : ExportTable.values()) {
                    json.writeArrayFieldStart(table.wire());
                    scan(handle, table, customerId, (columns, row) -> {
                        json.writeStartObject();
                        for (int i = 0; i < columns.size(); i++) {
                            json.writeFieldName(columns.get(i));
                            Object value = row.get(i);
                            if (value instanceof String text && ExportTable.JSON_COLUMNS.contains(columns.get(i))) {
                                json.writeRawValue(text);
                            } else {
                                json.writeObject(value);
                            }
                        }
                        json.writeEndObject();
                    }, null);
                    json.writeEndArray();
                }
            });
            json.writeEndObject();
        }
    }

    /** One table as CSV: a header of its columns, then its rows. */
    void csv(String customerId, ExportTable table, Csv csv) {
        try {
            read(handle -> scan(handle, table, customerId, (columns, row) -> csv.row(row), csv::row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Work {
        void accept(Handle handle) throws IOException;
    }

    private interface RowSink {
        void accept(List<String> columns, List<Object> row) throws IOException;
    }

    /**
     * Read-only, so that on H2 a slow download does not hold up writers; a transaction, so that
     * PostgreSQL streams with a cursor. Transactor opens only writing transactions, hence the
     * handle of its own, as the journal export has.
     */
    private void read(Work work) throws IOException {
        try (Handle handle = OneTransactionAtATime.readOnly(transactor.jdbi().open())) {
            handle.begin();
            try {
                work.accept(handle);
            } finally {
                handle.rollback();
            }
        }
    }

    private static void scan(Handle handle, ExportTable table, String customerId, RowSink sink,
                             java.util.function.Consumer<List<String>> header) throws IOException {
        IOException[] failed = new IOException[1];
        handle.createQuery(table.sql).bind("c", customerId)
                .bind("quoted", JsonLike.quoted(customerId)).bind("suffixed", JsonLike.suffixed(customerId))
                .setFetchSize(FETCH)
                .scanResultSet((supplier, context) -> {
                    try (ResultSet rows = supplier.get()) {
                        ResultSetMetaData meta = rows.getMetaData();
                        List<String> columns = new ArrayList<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                        }
                        if (header != null) {
                            header.accept(columns);
                        }
                        while (rows.next()) {
                            List<Object> row = new ArrayList<>(columns.size());
                            for (int i = 1; i <= columns.size(); i++) {
                                row.add(value(rows.getObject(i)));
                            }
                            sink.accept(columns, row);
                        }
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                    return null;
                });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** Times in ISO-8601 UTC, as every answer writes them; long text as text. */
    private static Object value(Object stored) throws SQLException {
        if (stored instanceof Timestamp time) {
            return time.toInstant().toString();
        }
        if (stored instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (stored instanceof Clob text) {
            return text.getSubString(1, (int) text.length());
        }
        if (stored instanceof java.util.Date || stored instanceof java.time.temporal.Temporal) {
            return stored.toString();
        }
        return stored;
    }
}
