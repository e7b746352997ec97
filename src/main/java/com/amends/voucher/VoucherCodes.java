package com.amends.voucher;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Voucher codes a customer can read over the phone: 19 random characters (95 bits) from
 * Crockford's base-32 alphabet, which has no I, L, O or U, plus one check character, shown in
 * groups of four: {@code 7KQM-3XWD-9PFA-R2TN-H6VC}.
 *
 * <p>The check character is Luhn mod 32, which catches every single mistyped character (and
 * most swaps of neighbours), so a typo is told apart from a code that does not exist without
 * a database look-up. Reading forgives case, separators, and O/I/L typed for 0/1/1.
 */
public final class VoucherCodes {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int RANDOM_LENGTH = 19;
    public static final int LENGTH = RANDOM_LENGTH + 1;
    /** A code as a person may type it, with spaces and hyphens; longer is no code. */
    public static final int MAX_TYPED_LENGTH = 64;
    private static final int BASE = ALPHABET.length();

    private final SecureRandom random;

    public VoucherCodes(SecureRandom random) {
        this.random = random;
    }

    /** A new code in its stored form: 20 characters, no separators. */
    public String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(BASE));
        }
        code[RANDOM_LENGTH] = ALPHABET.charAt(checkValue(new String(code, 0, RANDOM_LENGTH)));
        return new String(code);
    }

    /**
     * A code as logs and the audit trail may show it: its last four characters, enough for a
     * person to tell two codes apart, too few to spend one.
     */
    public static String masked(String code) {
        return code.length() <= 8 ? "****" : "****-" + code.substring(code.length() - 4);
    }

    /** What a customer reads: groups of four joined by hyphens. */
    public static String display(String code) {
        StringBuilder out = new StringBuilder(code.length() + code.length() / 4);
        for (int i = 0; i < code.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(code.charAt(i));
        }
        return out.toString();
    }

    /** The stored form of what someone typed, or empty when it is not a well-formed code. */
    public static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-', ' ', '\t' -> { }
                case 'O' -> code.append('0');
                case 'I', 'L' -> code.append('1');
                default -> {
                    if (ALPHABET.indexOf(c) < 0) {
                        return Optional.empty();
                    }
                    code.append(c);
                }
            }
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    /** True when the check character matches: the code may exist; false means it was mistyped. */
    public static boolean checks(String normalized) {
        return normalized.length() == LENGTH
                && checkValue(normalized.substring(0, RANDOM_LENGTH)) == ALPHABET.indexOf(normalized.charAt(RANDOM_LENGTH));
    }

    private static int checkValue(String payload) {
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(payload.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / BASE + addend % BASE;
        }
        return (BASE - sum % BASE) % BASE;
    }
}
