package com.amends.platform.ratelimit;

/**
 * The bucket a request is counted in: {@code bucket} names whose it is (a caller, and which of
 * their limits), {@code rate} what it allows.
 */
public record Quota(String bucket, Rate rate) {}
