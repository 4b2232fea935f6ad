package dev.chunking.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
}
