package com.amends.platform.idempotency;

/** What an idempotent operation answers: the status and the body to store and replay. */
public record Outcome(int status, Object body) {
    public static Outcome created(Object body) {
        return new Outcome(201, body);
    }

    public static Outcome ok(Object body) {
        return new Outcome(200, body);
    }
}
