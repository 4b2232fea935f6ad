package dev.chunking.benchmarks;

import dev.chunking.cli.ChunkStats;
import dev.chunking.cli.OutputFormat;
import dev.chunking.domain.Chunk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The CLI's {@code ChunkWriter} as it was before issue 19 (commit cb6d158), kept unchanged as the
 * baseline of {@link JsonOutputBenchmark}: it copies each chunk's text to an array of its own and
 * writes every byte through a method call, and builds the number fields as strings. Not thread-safe.
 */
final class LegacyChunkWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputFormat format;
    private final OutputStream out;
    private final byte[] scratch = new byte[8192];
    private int pending;

    /**
     * Creates a writer.
     *
     * @param format the format
     * @param out the destination; the caller flushes and closes it
     */
    LegacyChunkWriter(OutputFormat format, OutputStream out) {
        this.format = format;
        this.out = out;
    }

    /**
     * Writes one chunk (nothing for {@link OutputFormat#STATS}).
     *
     * @param chunk the chunk
     * @throws IOException if writing fails
     */
    public void write(Chunk chunk) throws IOException {
        switch (format) {
            case JSONL -> json(chunk);
            case OFFSETS -> ascii(chunk.index() + "\t" + chunk.start() + "\t" + chunk.end() + "\t" + chunk.byteStart() + "\t"
                    + chunk.byteEnd() + "\t" + chunk.size() + "\n");
            default -> {
                return;
            }
        }
        drain();
    }

    /**
     * Writes the per-file summary line of {@link OutputFormat#STATS} (nothing for other formats).
     *
     * @param document the file name
     * @param stats what was counted
     * @param seconds time the file took
     * @throws IOException if writing fails
     */
    public void summary(String document, ChunkStats stats, double seconds) throws IOException {
        if (format != OutputFormat.STATS) {
            return;
        }
        double mbPerSecond = seconds > 0 ? stats.bytes() / 1e6 / seconds : 0;
        text(String.format(Locale.ROOT, "%s\tchunks %d\tsize min %d mean %.1f max %d %s\tbytes %d\t%.1f MB/s%n", document,
                stats.chunks(), stats.minSize(), stats.meanSize(), stats.maxSize(), stats.unit(), stats.bytes(), mbPerSecond));
        drain();
    }

    private void json(Chunk c) throws IOException {
        ascii("{\"document\": ");
        jsonString(c.document().value().getBytes(StandardCharsets.UTF_8));
        ascii(", \"index\": " + c.index() + ", \"text\": ");
        byte[] text = c.content().toByteArray();
        jsonString(text);
        ascii(", \"start\": " + c.start() + ", \"end\": " + c.end() + ", \"byteStart\": " + c.byteStart() + ", \"byteEnd\": "
                + c.byteEnd() + ", \"size\": " + c.size() + ", \"unit\": \"" + c.unit().label() + "\", \"strategy\": ");
        jsonString(c.strategy().getBytes(StandardCharsets.UTF_8));
        if (!c.metadata().headings().isEmpty()) {
            ascii(", \"headings\": [");
            for (int i = 0; i < c.metadata().headings().size(); i++) {
                ascii(i == 0 ? "" : ", ");
                jsonString(c.metadata().headings().get(i).getBytes(StandardCharsets.UTF_8));
            }
            ascii("]");
        }
        if (c.metadata().level() > 0) {
            ascii(", \"level\": " + c.metadata().level());
        }
        if (c.metadata().id().isPresent()) {
            ascii(", \"id\": ");
            jsonString(c.metadata().id().get().getBytes(StandardCharsets.UTF_8));
        }
        if (c.metadata().parent().isPresent()) {
            ascii(", \"parent\": ");
            jsonString(c.metadata().parent().get().getBytes(StandardCharsets.UTF_8));
        }
        if (!c.metadata().attributes().isEmpty()) {
            ascii(", \"attributes\": {");
            String separator = "";
            for (Map.Entry<String, String> attribute : c.metadata().attributes().entrySet()) {
                ascii(separator);
                jsonString(attribute.getKey().getBytes(StandardCharsets.UTF_8));
                ascii(": ");
                jsonString(attribute.getValue().getBytes(StandardCharsets.UTF_8));
                separator = ", ";
            }
            ascii("}");
        }
        ascii("}\n");
    }

    /** Writes UTF-8 as a JSON string: quotes, backslashes and controls escaped, everything else as is. */
    private void jsonString(byte[] utf8) throws IOException {
        put('"');
        for (byte b : utf8) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') {
                put('\\');
                put(c);
            } else if (c >= 0x20) {
                put(c);
            } else if (c == '\n') {
                put('\\');
                put('n');
            } else if (c == '\r') {
                put('\\');
                put('r');
            } else if (c == '\t') {
                put('\\');
                put('t');
            } else {
                put('\\');
                put('u');
                put('0');
                put('0');
                put(HEX[c >> 4]);
                put(HEX[c & 0xF]);
            }
        }
        put('"');
    }

    private void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void text(String s) throws IOException {
        drain();
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private void put(int b) throws IOException {
        if (pending == scratch.length) {
            drain();
        }
        scratch[pending++] = (byte) b;
    }

    private void drain() throws IOException {
        out.write(scratch, 0, pending);
        pending = 0;
    }
}
