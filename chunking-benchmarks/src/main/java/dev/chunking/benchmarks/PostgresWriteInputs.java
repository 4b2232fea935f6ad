package dev.chunking.benchmarks;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link PostgresWriteBenchmark} builds before it measures: its settings from the command
 * line and the environment, the chunks it writes (slices of exactly 1,000 code points of the
 * corpus, English and multilingual interleaved), and the same rows in PostgreSQL's COPY text
 * format for the {@code psql \copy} baseline. Stateless; all methods are thread-safe.
 */
public final class PostgresWriteInputs {
    /** The server when neither {@code --url} nor {@code CHUNKING_PG_URL} names one. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    /** Code points per chunk. */
    public static final int CHUNK_CHARS = 1000;
    /**
     * The columns the store's writer fills, in its order (a copy of the store's own list, which
     * lives in its internal package): the baseline loads exactly these.
     */
    public static final String COLUMNS = "bucket, collection, document, generation, chunk_index, text, start_cp, end_cp,"
            + " start_byte, end_byte, size, unit, strategy, headings, level, chunk_id, parent_id, replacements, metadata";

    private PostgresWriteInputs() {
    }

    /**
     * A batch setting of the store.
     *
     * @param chunks {@code PostgresStoreOptions.batchChunks}
     * @param bytes {@code PostgresStoreOptions.batchBytes}
     */
    public record Batch(int chunks, long bytes) {
        @Override
        public String toString() {
            return chunks + "/" + (bytes % (1 << 20) == 0 ? bytes / (1 << 20) + "m" : bytes % 1024 == 0 ? bytes / 1024 + "k" : bytes);
        }
    }

    /**
     * The benchmark's settings.
     *
     * @param url the JDBC URL of the server (the benchmark makes and drops a schema of its own there)
     * @param chunks chunks written per round
     * @param rounds measured rounds, after one warm-up round
     * @param checkpointEvery chunks between two checkpoint commits
     * @param batches the batch settings to measure, each over all rounds
     * @param corpus the corpus directory; blank for the default of {@link BenchmarkInputs#corpusDir(String)}
     * @param psql the psql executable
     */
    public record Settings(String url, int chunks, int rounds, int checkpointEvery, List<Batch> batches, String corpus,
                           String psql) {
        /** Copies the list. */
        public Settings {
            batches = List.copyOf(batches);
        }
    }

    /**
     * Parses {@code --name=value} arguments: {@code --url}, {@code --chunks} (200000),
     * {@code --rounds} (3), {@code --checkpoint-every} (2000), {@code --batches} (a comma-separated
     * list of {@code CHUNKS} or {@code CHUNKS/BYTES}, bytes with an optional {@code k} or
     * {@code m}; default {@code 2000/16m}, the store's default), {@code --corpus} and {@code --psql}.
     *
     * @param args the arguments
     * @param env the environment; {@code CHUNKING_PG_URL} is the URL when {@code --url} is not given
     * @return the settings
     * @throws IllegalArgumentException naming the argument that is unknown or malformed
     */
    public static Settings parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("url", env.getOrDefault("CHUNKING_PG_URL", DEFAULT_URL));
        values.put("chunks", "200000");
        values.put("rounds", "3");
        values.put("checkpoint-every", "2000");
        values.put("batches", "2000/16m");
        values.put("corpus", "");
        values.put("psql", "psql");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : "";
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use --" + String.join("=…, --", values.keySet())
                        + "=…");
            }
            values.put(name, arg.substring(eq + 1));
        }
        List<Batch> batches = new ArrayList<>();
        for (String b : values.get("batches").split(",")) {
            int slash = b.indexOf('/');
            batches.add(slash < 0 ? new Batch(positive("batches", b), 16L << 20)
                    : new Batch(positive("batches", b.substring(0, slash)), bytes(b.substring(slash + 1))));
        }
        return new Settings(values.get("url"), positive("chunks", values.get("chunks")), positive("rounds", values.get("rounds")),
                positive("checkpoint-every", values.get("checkpoint-every")), batches, values.get("corpus"), values.get("psql"));
    }

    private static int positive(String name, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number above 0, got '" + text + "'");
    }

    private static long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = t.endsWith("m") ? 1L << 20 : t.endsWith("k") ? 1024 : 1;
        return positive("batches", unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    /**
     * The connection string and password psql needs for a JDBC URL: host, port, database and user
     * as a libpq URI; the password (for {@code PGPASSWORD}, never on the command line) apart.
     *
     * @param jdbcUrl {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…&password=…]}
     * @return {@code [uri, password or null]}
     * @throws IllegalArgumentException if the URL is not of that form
     */
    public static String[] psqlConnection(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' is not a JDBC URL of the form " + prefix + "HOST:PORT/DATABASE?user=NAME");
        }
        String rest = jdbcUrl.substring(prefix.length());
        int q = rest.indexOf('?');
        String hostAndDb = q < 0 ? rest : rest.substring(0, q);
        String user = null;
        String password = null;
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("user")) {
                    user = value;
                } else if (key.equals("password")) {
                    password = value;
                }
            }
        }
        String uri = "postgresql://" + (user == null ? "" : user.replace("%", "%25").replace("@", "%40").replace(":", "%3A")
                + "@") + hostAndDb;
        return new String[] {uri, password};
    }

    /**
     * Cuts chunks of exactly {@link #CHUNK_CHARS} code points, as one long document: two from
     * the English text, then one from the multilingual text, each text read on from where its
     * last chunk ended and started over at its end; offsets count on through the document.
     *
     * @param document the document the chunks belong to
     * @param count how many chunks
     * @param english English text
     * @param multilingual multilingual text
     * @return the chunks, indexes 0 to {@code count - 1}
     */
    public static List<Chunk> chunks(DocumentId document, int count, String english, String multilingual) {
        String[] texts = {english, multilingual};
        int[] left = new int[2];
        for (int t = 0; t < 2; t++) {
            left[t] = texts[t].codePointCount(0, texts[t].length());
            if (left[t] < CHUNK_CHARS) {
                throw new IllegalArgumentException("a corpus text has fewer than " + CHUNK_CHARS + " code points");
            }
        }
        int[] whole = left.clone();
        int[] at = new int[2];
        List<Chunk> chunks = new ArrayList<>(count);
        long cp = 0;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int which = i % 3 == 2 ? 1 : 0;
            String text = texts[which];
            if (left[which] < CHUNK_CHARS) {
                at[which] = 0;
                left[which] = whole[which];
            }
            int end = text.offsetByCodePoints(at[which], CHUNK_CHARS);
            Utf8Text content = Utf8Text.of(text.substring(at[which], end));
            at[which] = end;
            left[which] -= CHUNK_CHARS;
            chunks.add(new Chunk(document, i, content, cp, cp + CHUNK_CHARS, bytes, bytes + content.byteLength(), CHUNK_CHARS,
                    SizeUnit.CHARS, "recursive", ChunkMetadata.NONE, 0));
            cp += CHUNK_CHARS;
            bytes += content.byteLength();
        }
        return chunks;
    }

    /**
     * Appends a chunk as the row the store writes for it, in COPY text format ({@link #COLUMNS},
     * tab-separated, backslash, newline, carriage return and tab escaped, {@code \N} for null,
     * one line per row). Only the metadata {@link #chunks} makes is supported: none.
     *
     * @param out where the row goes, as UTF-8
     * @param bucket the collection's partition
     * @param collection the collection id
     * @param generation the document's generation
     * @param chunk the chunk
     * @throws IllegalArgumentException if the chunk has metadata or contains U+0000
     */
    public static void appendRow(ByteArrayOutputStream out, int bucket, String collection, long generation, Chunk chunk) {
        if (!chunk.metadata().equals(ChunkMetadata.NONE)) {
            throw new IllegalArgumentException("chunk " + chunk.index() + " has metadata; the benchmark writes chunks without");
        }
        StringBuilder head = new StringBuilder(64);
        head.append(bucket).append('\t');
        escape(head, collection);
        escape(head, chunk.document().value());
        head.append(generation).append('\t').append(chunk.index()).append('\t');
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        byte[] text = chunk.content().toByteArray();
        for (byte b : text) {
            switch (b) {
                case 0 -> throw new IllegalArgumentException("chunk " + chunk.index() + " contains U+0000");
                case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                case '\t' -> out.writeBytes(new byte[] {'\\', 't'});
                default -> out.write(b);
            }
        }
        StringBuilder tail = new StringBuilder(96);
        tail.append('\t').append(chunk.start()).append('\t').append(chunk.end()).append('\t').append(chunk.byteStart())
                .append('\t').append(chunk.byteEnd()).append('\t').append(chunk.size()).append('\t');
        escape(tail, chunk.unit().label());
        escape(tail, chunk.strategy());
        tail.append("{}\t0\t\\N\t\\N\t").append(chunk.replacements()).append("\t{}\n");
        out.writeBytes(tail.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('\t');
    }
}
