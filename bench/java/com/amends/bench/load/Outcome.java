package com.amends.bench.load;

/** How one request went, as the load benchmark counts it; an error is thrown, with what came back. */
public enum Outcome {
    OK,
    /** An insufficient_* refusal: expected when many clients spend one balance. */
    REFUSED,
    ERROR;

    /** A refusal that the hot scenario expects, or else an error. */
    static Outcome refusal(String code, String answer) {
        if (code != null && code.startsWith("insufficient_")) {
            return REFUSED;
        }
        throw new IllegalStateException(answer.length() > 300 ? answer.substring(0, 300) : answer);
    }
}
