package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What {@link ChunkWriter} writes for chunks carrying structure: id, parent, headings, attributes. */
class ChunkWriterTest {
    private static final String PLAIN = "{\"document\": \"doc.md\", \"index\": 3, \"text\": \"Body\", \"start\": 10, \"end\": 14,"
            + " \"byteStart\": 12, \"byteEnd\": 16, \"size\": 4, \"unit\": \"chars\", \"strategy\": \"hierarchical\"";

    private static Chunk chunk(ChunkMetadata metadata) {
        return new Chunk(DocumentId.of("doc.md"), 3, Utf8Text.of("Body"), 10, 14, 12, 16, 4, SizeUnit.CHARS, "hierarchical",
                metadata, 0);
    }

    private static String write(OutputFormat format, Chunk... chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter writer = new ChunkWriter(format, out);
        for (Chunk chunk : chunks) {
            writer.write(chunk);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesIdAndAttributesAfterHeadingsLevelAndParent() throws IOException {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("table-header", "| a | b |");
        attributes.put("sub-strategy", "recursive");
        ChunkMetadata metadata = new ChunkMetadata(List.of("Guide", "Install"), 2, Optional.of("c-3"), Optional.of("c-1"), attributes);
        assertThat(write(OutputFormat.JSONL, chunk(metadata))).isEqualTo(PLAIN + ", \"headings\": [\"Guide\", \"Install\"],"
                + " \"level\": 2, \"id\": \"c-3\", \"parent\": \"c-1\", \"attributes\": {\"sub-strategy\": \"recursive\","
                + " \"table-header\": \"| a | b |\"}}\n");
    }

    @Test
    void writesAnIdWithoutParentAndLeavesOutEmptyAttributes() throws IOException {
        ChunkMetadata metadata = new ChunkMetadata(List.of(), 0, Optional.of("root"), Optional.empty(), Map.of());
        assertThat(write(OutputFormat.JSONL, chunk(metadata))).isEqualTo(PLAIN + ", \"id\": \"root\"}\n");
        assertThat(write(OutputFormat.JSONL, chunk(ChunkMetadata.NONE))).isEqualTo(PLAIN + "}\n");
    }

    @Test
    void writesAttributesWithoutAnIdAsOneObject() throws IOException {
        ChunkMetadata metadata = new ChunkMetadata(List.of(), 0, Optional.empty(), Optional.empty(), Map.of("k", "v"));
        assertThat(write(OutputFormat.JSONL, chunk(metadata))).isEqualTo(PLAIN + ", \"attributes\": {\"k\": \"v\"}}\n");
    }

    @Test
    void escapesQuotesBackslashesAndControlsInIdsAndAttributesAndKeepsOtherCharactersAsTheyAre() throws IOException {
        String odd = "say \"hi\"\\ \n\r\t\b\u0000\u001f\u007f caf\u00e9 \u6f22 \ud83d\ude00 \u2028";
        String escaped = "say \\\"hi\\\"\\\\ \\n\\r\\t\\u0008\\u0000\\u001f\u007f caf\u00e9 \u6f22 \ud83d\ude00 \u2028";
        ChunkMetadata metadata = new ChunkMetadata(List.of(odd), 1, Optional.of(odd), Optional.of(odd), Map.of(odd, odd));
        assertThat(write(OutputFormat.JSONL, chunk(metadata))).isEqualTo(PLAIN + ", \"headings\": [\"" + escaped + "\"], \"level\": 1,"
                + " \"id\": \"" + escaped + "\", \"parent\": \"" + escaped + "\", \"attributes\": {\"" + escaped + "\": \"" + escaped
                + "\"}}\n");
    }

    @Test
    void everyCharacterInIdsAndAttributesRoundTripsThroughAStrictJsonReader() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 0x300; c++) {
            all.append((char) c);
        }
        all.append("\u2028\u2029\ufeff\uffff\ud83d\ude00\ud800\udc00\udbff\udfff");
        String value = all.toString();
        Map<String, String> attributes = Map.of("all", value, "quote\"name", "", "empty-name-next", "x", "", "empty name");
        ChunkMetadata metadata = new ChunkMetadata(List.of(value, ""), 4, Optional.of(value), Optional.of("p"), attributes);
        String line = write(OutputFormat.JSONL, chunk(metadata));
        assertThat(line).endsWith("}\n").doesNotContain("\n}").hasLineCount(1);

        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) StrictJson.parse(line.strip());
        assertThat(parsed.keySet()).containsExactly("document", "index", "text", "start", "end", "byteStart", "byteEnd", "size",
                "unit", "strategy", "headings", "level", "id", "parent", "attributes");
        assertThat(parsed).containsEntry("headings", List.of(value, "")).containsEntry("level", 4L).containsEntry("id", value)
                .containsEntry("parent", "p");
        assertThat(parsed.get("attributes")).isEqualTo(new TreeMap<>(attributes));
        assertThat(((Map<?, ?>) parsed.get("attributes")).keySet().toArray()).containsExactly("", "all", "empty-name-next", "quote\"name");
    }

    @Test
    void offsetsAndStatsDoNotChangeWithMetadata() throws IOException {
        ChunkMetadata metadata = new ChunkMetadata(List.of("H"), 2, Optional.of("id"), Optional.of("p"), Map.of("a", "\n"));
        assertThat(write(OutputFormat.OFFSETS, chunk(metadata))).isEqualTo(write(OutputFormat.OFFSETS, chunk(ChunkMetadata.NONE)))
                .isEqualTo("3\t10\t14\t12\t16\t4\n");
        assertThat(write(OutputFormat.STATS, chunk(metadata))).isEmpty();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkStats stats = new ChunkStats("chars");
        stats.add(chunk(metadata));
        stats.bytes(16);
        new ChunkWriter(OutputFormat.STATS, out).summary("doc.md", stats, 0);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("doc.md\tchunks 1\tsize min 4 mean 4.0 max 4 chars\tbytes 16\t0.0 MB/s\n");
    }

    private static Chunk textChunk(Utf8Text text, long index) {
        return new Chunk(DocumentId.of("d\"\u00e9.md"), index, text, 0, text.codePointLength(), 0, text.byteLength(),
                text.codePointLength(), SizeUnit.TOKENS, "rec\\ursive", ChunkMetadata.NONE, 0);
    }

    @Test
    void escapesTheChunkTextByteByByteAsTheWriterAlwaysHas() throws IOException {
        StringBuilder controls = new StringBuilder();
        StringBuilder escapedControls = new StringBuilder();
        for (int c = 0; c < 0x20; c++) {
            controls.append((char) c);
            escapedControls.append(switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format(Locale.ROOT, "\\u%04x", c); // \b and \f too, in lower-case hex
            });
        }
        String text = controls + "\"q\" \\ / \u007f \u2028\u2029 caf\u00e9 \u6f22 \ud83d\ude00\ud800\udc00\udbff\udfff \ufffd\ufeff";
        String expected = escapedControls + "\\\"q\\\" \\\\ / \u007f \u2028\u2029 caf\u00e9 \u6f22 \ud83d\ude00\ud800\udc00\udbff\udfff"
                + " \ufffd\ufeff";
        assertThat(write(OutputFormat.JSONL, textChunk(Utf8Text.of(text), 7))).isEqualTo("{\"document\": \"d\\\"\u00e9.md\", \"index\": 7,"
                + " \"text\": \"" + expected + "\", \"start\": 0, \"end\": " + text.codePointCount(0, text.length()) + ", \"byteStart\": 0,"
                + " \"byteEnd\": " + text.getBytes(StandardCharsets.UTF_8).length + ", \"size\": " + text.codePointCount(0, text.length())
                + ", \"unit\": \"tokens\", \"strategy\": \"rec\\\\ursive\"}\n");
    }

    @Test
    void writesTheReplacementCharacterOfMalformedInputAsItsThreeBytes() throws IOException {
        Path file = Files.createTempFile("malformed", ".txt");
        try {
            Files.write(file, new byte[] {'a', (byte) 0xC3, 'b', (byte) 0xF0, (byte) 0x9F, '"', (byte) 0xFF, '\n'});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = new Main(new ByteArrayInputStream(new byte[0]), out, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), () -> 0L, false).run("--on-malformed", "replace", file.toString());
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"text\": \"a\ufffdb\ufffd\\\"\ufffd\\n\"");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void writesTextLongerThanTheBufferWholeAndEscapedAcrossItsEdges() throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < 20_000; i++) { // escapes and four-byte characters across every buffer edge
            String piece = i % 3 == 0 ? "\n" : i % 3 == 1 ? "\ud83d\ude00" : "\u0001x";
            text.append(piece);
            escaped.append(i % 3 == 0 ? "\\n" : i % 3 == 1 ? "\ud83d\ude00" : "\\u0001x");
        }
        String line = write(OutputFormat.JSONL, textChunk(Utf8Text.of(text.toString()), 12_345_678_901L));
        assertThat(line).contains("\"index\": 12345678901, \"text\": \"" + escaped + "\", \"start\": 0,").endsWith("}\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) StrictJson.parse(line.strip());
        assertThat(parsed).containsEntry("text", text.toString()).containsEntry("index", 12_345_678_901L);
    }

    @Test
    void writesOffsetsOfLargeNumbersAsDecimalDigits() throws IOException {
        Chunk chunk = new Chunk(DocumentId.of("d"), 9_876_543_210L, Utf8Text.of("ab"), 10_000_000_000L, 10_000_000_002L, 0, 2, 2,
                SizeUnit.CHARS, "character", ChunkMetadata.NONE, 0);
        assertThat(write(OutputFormat.OFFSETS, chunk, chunk)).isEqualTo("9876543210\t10000000000\t10000000002\t0\t2\t2\n".repeat(2));
    }
    @Test
    void escapesRandomTextExactlyAsOneByteAtATimeWould() throws IOException {
        Random random = new Random(19);
        int[] pool = {0, 1, 8, 9, 10, 12, 13, 0x1f, ' ', '"', '\\', '/', 'a', 0x7f, 0x80, 0xe9, 0x2028, 0x6f22, 0xfffd, 0x1f600};
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.appendCodePoint(random.nextInt(4) == 0 ? pool[random.nextInt(pool.length)] : 'a' + random.nextInt(26));
            }
            StringBuilder escaped = new StringBuilder();
            for (byte b : text.toString().getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xFF;
                escaped.append(c == '"' || c == '\\' ? "\\" + (char) c : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                        : c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", c) : String.valueOf((char) c));
            }
            byte[] expected = escaped.toString().getBytes(StandardCharsets.ISO_8859_1); // one char per byte
            String line = write(OutputFormat.JSONL, textChunk(Utf8Text.of(text.toString()), 0));
            assertThat(line).contains("\"text\": \"" + new String(expected, StandardCharsets.UTF_8) + "\", \"start\"");
        }
    }
}
