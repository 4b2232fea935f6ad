package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.spi.Chunker;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Any byte sequence is accepted exactly when the JDK's strict UTF-8 decoder accepts it. */
class Utf8ValidationPropertiesTest {

    @Provide
    Arbitrary<byte[]> bytes() {
        // Valid sequences of every length, now and then one broken fragment or a random byte, so that
        // inputs with exactly one defect (the ones that test each check) are common.
        Arbitrary<byte[]> valid = Arbitraries.integers().between(0, 0x10FFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .map(cp -> Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> broken = Arbitraries.of(hex("EDA080"), hex("EDBFBF"), hex("E08080"), hex("E09FBF"), hex("C0AF"),
                hex("C1BF"), hex("F08F8080"), hex("F4908080"), hex("F5"), hex("FF"), hex("80"), hex("BF"), hex("C3"), hex("E282"),
                hex("F09F98"), hex("E241"), hex("F09F4141"));
        Arbitrary<byte[]> randomByte = Arbitraries.bytes().map(b -> new byte[] {b});
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(Tuple.of(30, valid), Tuple.of(1, broken),
                Tuple.of(1, randomByte));
        return piece.list().ofMaxSize(30).map(pieces -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pieces.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static boolean jdkAccepts(byte[] input) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Property(tries = 3000)
    void acceptsExactlyWellFormedUtf8AndKeepsEveryByte(@ForAll("bytes") byte[] input, @ForAll @IntRange(min = 1, max = 7) int piece,
                                                      @ForAll @IntRange(min = 1, max = 12) int max) {
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(max).overlap(0).build());
        List<Chunk> chunks = new ArrayList<>();
        boolean accepted;
        try (Chunker chunker = chunking.open(DocumentId.of("bytes"), chunks::add)) {
            for (int at = 0; at < input.length; at += piece) {
                chunker.feed(input, at, Math.min(piece, input.length - at));
            }
            chunker.finish();
            accepted = true;
        } catch (MalformedInputException e) {
            accepted = false;
            assertThat(e.byteOffset()).isBetween(0L, (long) input.length - 1);
        }
        assertThat(accepted).as("accepted").isEqualTo(jdkAccepts(input));
        if (accepted) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            chunks.forEach(c -> joined.writeBytes(c.content().toByteArray()));
            assertThat(joined.toByteArray()).isEqualTo(input);
        }
    }
}
