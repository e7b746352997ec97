package com.amends.platform;

/**
 * LIKE patterns (escape character {@code !}) that find a value in JSON stored as text: as a string
 * of its own ({@code "value"}) or at the end of one after a colon ({@code "prefix:value"}). They
 * find candidates only; the caller reads the JSON to see what the value really is there.
 */
public final class JsonLike {
    public static final String ESCAPE = "!";

    private JsonLike() {}

    public static String quoted(String value) {
        return "%\"" + escape(value) + "\"%";
    }

    public static String suffixed(String value) {
        return "%:" + escape(value) + "\"%";
    }

    private static String escape(String value) {
        return value.replace("!", "!!").replace("_", "!_").replace("%", "!%");
    }
}
