package com.amends.report;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** How an answer is CSV: asked for with {@code Accept: text/csv}, streamed as an attachment. */
public final class CsvAnswer {
    public static final String TEXT_CSV = "text/csv";
    private static final MediaType CSV = MediaType.valueOf(TEXT_CSV);

    private CsvAnswer() {}

    /** CSV when the client ranks it above JSON in Accept; JSON otherwise. */
    public static boolean wanted(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(CSV) && !type.isWildcardType() && !type.isWildcardSubtype()) {
                return true;
            }
            if (type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    /** The rows {@code body} writes, streamed, so that an export never sits in memory. */
    public static Response streamed(String name, Consumer<Csv> body) {
        StreamingOutput stream = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            body.accept(new Csv(writer));
            writer.flush();
        };
        return Response.ok(stream, CSV.withCharset("utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }
}
