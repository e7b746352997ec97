package com.amends.platform;

/** Bounds for the {@code limit} query parameter of every list. */
public final class PageLimit {
    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageLimit() {}
}
