package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.testing.Promises;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every line of Unicode 17.0's GraphemeBreakTest.txt (src/test/resources/unicode, see its README). */
class UnicodeGraphemeBreakTest {
    private static final String FILE = "/unicode/GraphemeBreakTest-17.0.0.txt";

    /** A test line: its text, and the code-point offsets where it expects a break (÷). */
    private record Case(String line, String text, TreeSet<Integer> breaks) {
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = UnicodeGraphemeBreakTest.class.getResourceAsStream(FILE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String content = line.contains("#") ? line.substring(0, line.indexOf('#')).trim() : line.trim();
                if (content.isEmpty()) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                TreeSet<Integer> breaks = new TreeSet<>();
                int cps = 0;
                for (String token : content.split("\\s+")) {
                    if (token.equals("\u00f7")) {
                        breaks.add(cps);
                    } else if (!token.equals("\u00d7")) {
                        text.appendCodePoint(Integer.parseInt(token, 16));
                        cps++;
                    }
                }
                cases.add(new Case(line, text.toString(), breaks));
            }
        }
        return cases;
    }

    @Test
    void findsTheBreaksOfEveryLineOfTheUnicode17TestFile() throws IOException {
        List<Case> cases = cases();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            if (!GraphemeCursorTest.boundaries(c.text()).equals(c.breaks())) {
                failures.add(c.line() + " got " + GraphemeCursorTest.boundaries(c.text()));
            }
        }
        assertThat(cases).as("test lines read").hasSize(766);
        assertThat(failures).isEmpty();
    }

    @Test
    void readsTheOfficialFileByteForByte() throws Exception {
        try (InputStream in = UnicodeGraphemeBreakTest.class.getResourceAsStream(FILE)) {
            byte[] bytes = in.readAllBytes();
            assertThat(bytes).hasSize(126_570);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo("e2d134d2c52919bace503ebb6a551c1855fe1a1faec18478c78fff254a1793ec");
        }
    }

    @Test
    void theIcuOracleAgreesWithEveryLineToo() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Case c : cases()) {
            if (!Promises.graphemeBoundaries(c.text()).equals(c.breaks())) {
                failures.add(c.line());
            }
        }
        assertThat(failures).isEmpty();
    }
}
