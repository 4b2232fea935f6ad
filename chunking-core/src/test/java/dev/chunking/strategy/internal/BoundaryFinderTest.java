package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BoundaryFinderTest {

    @Test
    void agreesWithTheJdkOnWhitespaceForEveryCodePoint() {
        StringBuilder mismatches = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (BoundaryFinder.isWhitespace(cp) != Character.isWhitespace(cp)) {
                mismatches.append(String.format("U+%04X ", cp));
            }
        }
        assertThat(mismatches.toString()).isEmpty();
    }

    @Property(tries = 2000)
    void marksExactlyTheCarriageReturnAndLineFeedBytesOfAWord(@ForAll("words") long word) {
        long expected = 0;
        for (int k = 0; k < 8; k++) {
            int b = (int) (word >>> (8 * k)) & 0xFF;
            if (b == '\n' || b == '\r') {
                expected |= 0x80L << (8 * k);
            }
        }
        assertThat(BoundaryFinder.lineBreakBytes(word)).as("word %016x", word).isEqualTo(expected);
    }

    /** Words built from the bytes that trip SWAR tests: CR, LF, their neighbours, 0x00, 0x80 and lead bytes. */
    @Provide
    Arbitrary<Long> words() {
        Arbitrary<Integer> tricky = Arbitraries.of(0x00, 0x01, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x20, 0x7F, 0x80, 0x8A, 0x8D,
                0xE3, 0xFF);
        Arbitrary<Integer> bytes = Arbitraries.oneOf(tricky, Arbitraries.integers().between(0, 255));
        return bytes.list().ofSize(8).map(list -> {
            long w = 0;
            for (int k = 0; k < 8; k++) {
                w |= (long) list.get(k) << (8 * k);
            }
            return w;
        });
    }
}
