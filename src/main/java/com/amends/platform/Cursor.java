package com.amends.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors: the sort key of the last row shown, base64url-encoded so that
 * clients treat it as a token rather than something to build by hand.
 */
public final class Cursor {
    private static final String VERSION = "1:";
    /** Longer than any cursor this server issues (a sort key of a time and an id, encoded). */
    public static final int MAX_LENGTH = 200;

    private Cursor() {}

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside a cursor, or null when there is none (the first page). */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_CURSOR, "cursor is not one this server issued");
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(VERSION) && raw.length() > VERSION.length()) {
                return raw.substring(VERSION.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw new ApiException(ErrorCode.INVALID_CURSOR, "cursor is not one this server issued");
    }

    public static long decodeLong(String cursor) {
        String key = decode(cursor);
        if (key == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_CURSOR, "cursor is not one this server issued");
        }
    }
}
