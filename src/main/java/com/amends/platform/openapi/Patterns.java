package com.amends.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * Bean validation's {@code @Pattern} matches the whole value, a JSON Schema {@code pattern} any
 * part of it: every pattern gets its {@code ^…$} so that a validator built from the document
 * refuses what the server refuses. A pattern that fixes the length (a run of character classes
 * with counts, such as {@code [A-Z]{3}}) also gives the string its {@code minLength} and
 * {@code maxLength}, which tools read where they ignore patterns.
 */
final class Patterns {
    private static final java.util.regex.Pattern ATOM = java.util.regex.Pattern.compile(
            "(\\[(?:\\\\.|[^\\]\\\\])+\\]|\\\\.|[^\\[\\]\\\\(){}|*+?^$.])(?:\\{(\\d+)(?:,(\\d+))?\\}|(\\?))?");

    private Patterns() {}

    static void apply(OpenAPI api) {
        forEachSchema(api, schema -> {
            anchor(schema);
            // @Size(max = n) says min 0 too, which bounds nothing.
            if (Integer.valueOf(0).equals(schema.getMinLength())) {
                schema.setMinLength(null);
            }
        });
    }

    private static void anchor(Schema<?> schema) {
        String pattern = schema.getPattern();
        if (pattern == null) {
            return;
        }
        if (pattern.startsWith("^") && pattern.endsWith("$")) {
            return;
        }
        // "soft|hard" is "^(?:soft|hard)$", not "^soft|hard$" (starts with soft, or ends with hard).
        String anchored = pattern.contains("|") ? "^(?:" + pattern + ")$" : "^" + pattern + "$";
        schema.setPattern(anchored);
        int[] bounds = lengths(anchored.substring(1, anchored.length() - 1));
        if (bounds != null) {
            if (schema.getMinLength() == null && bounds[0] > 0) {
                schema.setMinLength(bounds[0]);
            }
            if (schema.getMaxLength() == null) {
                schema.setMaxLength(bounds[1]);
            }
        }
    }

    /** The least and most characters the pattern matches, or null when it is not a plain run of atoms. */
    static int[] lengths(String pattern) {
        Matcher atom = ATOM.matcher(pattern);
        int min = 0;
        int max = 0;
        int at = 0;
        while (at < pattern.length()) {
            if (!atom.find(at) || atom.start() != at) {
                return null;
            }
            if (atom.group(4) != null) {
                max += 1;
            } else if (atom.group(2) != null) {
                int least = Integer.parseInt(atom.group(2));
                min += least;
                max += atom.group(3) == null ? least : Integer.parseInt(atom.group(3));
            } else {
                min += 1;
                max += 1;
            }
            at = atom.end();
        }
        return max == 0 ? null : new int[] {min, max};
    }

    /** Every schema in the document, nested ones too, each once. */
    static void forEachSchema(OpenAPI api, Consumer<Schema<?>> action) {
        List<Schema<?>> roots = new ArrayList<>();
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(roots::add);
        }
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> collect(operation, roots)));
        }
        Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        roots.forEach(root -> walk(root, seen, action));
    }

    private static void collect(Operation operation, List<Schema<?>> roots) {
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(p -> p.getSchema() != null).forEach(p -> roots.add(p.getSchema()));
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            content(operation.getRequestBody().getContent().values(), roots);
        }
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> {
                if (response.getContent() != null) {
                    content(response.getContent().values(), roots);
                }
                if (response.getHeaders() != null) {
                    response.getHeaders().values().stream().filter(h -> h.getSchema() != null)
                            .forEach(h -> roots.add(h.getSchema()));
                }
            });
        }
    }

    private static void content(Collection<MediaType> media, List<Schema<?>> roots) {
        media.stream().filter(m -> m.getSchema() != null).forEach(m -> roots.add(m.getSchema()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void walk(Schema<?> schema, Set<Schema<?>> seen, Consumer<Schema<?>> action) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        action.accept(schema);
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) (Map) schema.getProperties()).values().forEach(s -> walk(s, seen, action));
        }
        walk(schema.getItems(), seen, action);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walk(additional, seen, action);
        }
        for (List<Schema> list : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (list != null) {
                list.forEach(s -> walk(s, seen, action));
            }
        }
        walk(schema.getNot(), seen, action);
    }
}
