package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.spi.Chunker;
import dev.chunking.testing.Utf8Reference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** REPLACE: U+FFFD for each maximal ill-formed subpart, counted, with byte offsets exact against the original bytes. */
class ReplacementPropertiesTest {

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> valid = Arbitraries.integers().between(0, 0x10FFFF).filter(cp -> (cp < 0xD800 || cp > 0xDFFF) && cp != 0xFFFD)
                .map(cp -> Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> ascii = Arbitraries.of(" ", "a", "\n", ". ").map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> broken = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3);
        return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(6, ascii),
                Tuple.of(2, broken)).list().ofMaxSize(60).map(pieces -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    pieces.forEach(out::writeBytes);
                    return out.toByteArray();
                });
    }

    @Property(tries = 2000)
    void replacesExactlyAsTheJdkDoesAndKeepsSourceOffsets(@ForAll("bytes") byte[] input, @ForAll @IntRange(min = 1, max = 9) int piece,
                                                         @ForAll @IntRange(min = 1, max = 30) int max, @ForAll boolean recursive) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(max).overlap(max / 3)
                .malformedInput(MalformedInputPolicy.REPLACE).build();
        List<Chunk> chunks = new ArrayList<>();
        long replacements;
        try (Chunker chunker = Chunking.of(recursive ? "recursive" : "character", options).open(DocumentId.of("d"), chunks::add)) {
            for (int at = 0; at < input.length; at += piece) {
                chunker.feed(input, at, Math.min(piece, input.length - at));
            }
            chunker.finish();
            replacements = chunker.replacements();
        }
        String expected = Utf8Reference.decodeReplacing(input);
        if (!hasEncodedSurrogate(input)) {
            assertThat(expected).as("the oracle agrees with the JDK").isEqualTo(new String(input, StandardCharsets.UTF_8));
        }
        StringBuilder joined = new StringBuilder();
        long previousEnd = 0;
        for (Chunk c : chunks) {
            int[] cps = c.text().codePoints().toArray();
            int skip = (int) (previousEnd - c.start());
            joined.append(new String(cps, skip, cps.length - skip));
            previousEnd = c.end();
            String source = Utf8Reference.decodeReplacing(Arrays.copyOfRange(input, (int) c.byteStart(), (int) c.byteEnd()));
            assertThat(source).as("chunk %d decodes from its source bytes", c.index()).isEqualTo(c.text());
            assertThat(c.replacements()).isEqualTo((int) c.text().codePoints().filter(cp -> cp == 0xFFFD).count());
        }
        assertThat(joined.toString()).isEqualTo(expected);
        assertThat(replacements).isEqualTo(expected.codePoints().filter(cp -> cp == 0xFFFD).count());
        if (!chunks.isEmpty()) {
            assertThat(chunks.get(chunks.size() - 1).byteEnd()).isEqualTo(input.length);
        }
    }

    private static boolean hasEncodedSurrogate(byte[] input) {
        for (int i = 0; i + 1 < input.length; i++) {
            if (input[i] == (byte) 0xED && (input[i + 1] & 0xFF) >= 0xA0 && (input[i + 1] & 0xFF) <= 0xBF) {
                return true;
            }
        }
        return false;
    }
}
