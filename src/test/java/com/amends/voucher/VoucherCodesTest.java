package com.amends.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class VoucherCodesTest {
    private final VoucherCodes codes = new VoucherCodes(new SecureRandom());

    @Nested
    class Generation {
        @Test
        void shouldMakeUniqueCodesThatPassTheirCheck_WhenMaking100000() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 100_000; i++) {
                String code = codes.next();
                assertThat(code).hasSize(VoucherCodes.LENGTH).matches("[0-9A-HJKMNP-TV-Z]+");
                assertThat(VoucherCodes.checks(code)).isTrue();
                seen.add(code);
            }
            assertThat(seen).hasSize(100_000);
        }

        @Test
        void shouldCarryAtLeast80BitsOfRandomness() {
            double bits = (VoucherCodes.LENGTH - 1) * (Math.log(VoucherCodes.ALPHABET.length()) / Math.log(2));
            assertThat(bits).isGreaterThanOrEqualTo(80);
            assertThat(VoucherCodes.ALPHABET).doesNotContain("I", "L", "O", "U");
        }

        @Test
        void shouldShowGroupsOfFour() {
            assertThat(VoucherCodes.display("7KQM3XWD9PFAR2TNH6VC")).isEqualTo("7KQM-3XWD-9PFA-R2TN-H6VC");
        }
    }

    @Nested
    class Typos {
        @Test
        void shouldTellEverySingleMistypedCharacter_WhenAnyPositionChanges() {
            for (int n = 0; n < 200; n++) {
                String code = codes.next();
                for (int position = 0; position < code.length(); position++) {
                    for (char replacement : VoucherCodes.ALPHABET.toCharArray()) {
                        if (replacement == code.charAt(position)) {
                            continue;
                        }
                        String typo = code.substring(0, position) + replacement + code.substring(position + 1);
                        assertThat(VoucherCodes.checks(typo)).as("%s mistyped as %s", code, typo).isFalse();
                    }
                }
            }
        }

        @Test
        void shouldTellMostSwappedNeighbours() {
            int swaps = 0;
            int caught = 0;
            for (int n = 0; n < 2_000; n++) {
                String code = codes.next();
                for (int i = 0; i + 1 < code.length(); i++) {
                    if (code.charAt(i) == code.charAt(i + 1)) {
                        continue;
                    }
                    char[] swapped = code.toCharArray();
                    swapped[i] = code.charAt(i + 1);
                    swapped[i + 1] = code.charAt(i);
                    swaps++;
                    if (!VoucherCodes.checks(new String(swapped))) {
                        caught++;
                    }
                }
            }
            assertThat((double) caught / swaps).isGreaterThan(0.9);
        }

        @Test
        void shouldForgiveCaseSeparatorsAndLookAlikes_WhenReadingATypedCode() {
            String code = codes.next();
            String typed = VoucherCodes.display(code).toLowerCase().replace('-', ' ')
                    .replace("0", "o").replace("1", "l");
            assertThat(VoucherCodes.normalize(typed)).contains(code);
        }

        @Test
        void shouldRefuseWhatCannotBeACode() {
            assertThat(VoucherCodes.normalize("ABC")).isEmpty();
            assertThat(VoucherCodes.normalize("UUUU-UUUU-UUUU-UUUU-UUUU")).isEmpty();
            assertThat(VoucherCodes.normalize("")).isEmpty();
            assertThat(VoucherCodes.normalize(null)).isEmpty();
        }
    }
}
