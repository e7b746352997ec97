package com.amends.platform;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The one way an operation answers CSV beside JSON: the client asks for it with
 * {@code Accept: text/csv}, and gets it streamed as an attachment named after the report.
 */
public final class CsvAnswers {
    public static final String TEXT_CSV = "text/csv";
    private static final MediaType CSV = MediaType.valueOf(TEXT_CSV);

    private CsvAnswers() {}

    /** CSV when the client ranks it above JSON in Accept; JSON otherwise. */
    public static boolean wantsCsv(HttpHeaders headers) {
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

    /** The answer as JSON, or as the CSV {@code body} writes when the client asks for CSV. */
    public static Response answer(HttpHeaders headers, Object json, String name, Consumer<Csv> body) {
        return wantsCsv(headers) ? csv(name, body) : Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A CSV attachment {@code name}.csv, written row by row as it streams out. */
    public static Response csv(String name, Consumer<Csv> body) {
        StreamingOutput stream = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            body.accept(new Csv(writer));
            writer.flush();
        };
        return Response.ok(stream, CSV.withCharset("utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }
}
