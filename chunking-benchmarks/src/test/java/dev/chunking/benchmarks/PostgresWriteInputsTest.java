package dev.chunking.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.benchmarks.PostgresWriteInputs.Batch;
import dev.chunking.benchmarks.PostgresWriteInputs.Settings;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The write benchmark's settings, chunks and COPY rows (not its timings). */
class PostgresWriteInputsTest {
    private static final DocumentId DOC = DocumentId.of("document-1");

    @Test
    void takesTheDefaultsAndTheUrlFromTheEnvironmentWhenNoArgumentIsGiven() {
        Settings s = PostgresWriteInputs.parse(new String[0], Map.of());
        assertThat(s.url()).isEqualTo(PostgresWriteInputs.DEFAULT_URL);
        assertThat(s.chunks()).isEqualTo(200_000);
        assertThat(s.rounds()).isEqualTo(3);
        assertThat(s.checkpointEvery()).isEqualTo(2000);
        assertThat(s.batches()).containsExactly(new Batch(2000, 16L << 20));
        assertThat(s.psql()).isEqualTo("psql");
        assertThat(PostgresWriteInputs.parse(new String[0], Map.of("CHUNKING_PG_URL", "jdbc:postgresql://db:5433/x")).url())
                .isEqualTo("jdbc:postgresql://db:5433/x");
    }

    @Test
    void readsEveryArgumentAndBatchListsWithByteSuffixes() {
        Settings s = PostgresWriteInputs.parse(new String[] {"--url=jdbc:postgresql://h/d", "--chunks=10", "--rounds=2",
            "--checkpoint-every=5", "--batches=500,1000/4m,64/512k,8/1500", "--corpus=/c", "--psql=/bin/psql"},
                Map.of("CHUNKING_PG_URL", "jdbc:postgresql://ignored/x"));
        assertThat(s).isEqualTo(new Settings("jdbc:postgresql://h/d", 10, 2, 5, List.of(new Batch(500, 16L << 20),
                new Batch(1000, 4L << 20), new Batch(64, 512L << 10), new Batch(8, 1500)), "/c", "/bin/psql"));
        assertThat(s.batches()).extracting(Batch::toString).containsExactly("500/16m", "1000/4m", "64/512k", "8/1500");
    }

    @Test
    void refusesUnknownAndMalformedArgumentsNamingThem() {
        assertThatThrownBy(() -> PostgresWriteInputs.parse(new String[] {"--chunk=5"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument '--chunk=5'");
        assertThatThrownBy(() -> PostgresWriteInputs.parse(new String[] {"--rounds=0"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rounds").hasMessageContaining("'0'");
        assertThatThrownBy(() -> PostgresWriteInputs.parse(new String[] {"--batches=100/xm"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--batches");
    }

    @Test
    void turnsAJdbcUrlIntoAPsqlUriWithThePasswordKeptApart() {
        assertThat(PostgresWriteInputs.psqlConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
                .containsExactly("postgresql://postgres@127.0.0.1:5432/test", null);
        assertThat(PostgresWriteInputs.psqlConnection("jdbc:postgresql://db/x?ssl=false&user=a%40b&password=s%26cret"))
                .containsExactly("postgresql://a%40b@db/x", "s&cret");
        assertThat(PostgresWriteInputs.psqlConnection("jdbc:postgresql://db:1/x")).containsExactly("postgresql://db:1/x", null);
        assertThatThrownBy(() -> PostgresWriteInputs.psqlConnection("postgresql://db/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cutsChunksOfExactlyAThousandCodePointsTwoEnglishToOneMultilingualWithRunningOffsets() {
        String english = "ab\n".repeat(1000); // 3000 code points: three chunks, then over again
        String multilingual = "世界🙂".repeat(600); // 1800 code points, 4 or 3 bytes each: one chunk, then over again
        List<Chunk> chunks = PostgresWriteInputs.chunks(DOC, 9, english, multilingual);
        assertThat(chunks).hasSize(9);
        long bytes = 0;
        for (int i = 0; i < 9; i++) {
            Chunk c = chunks.get(i);
            assertThat(c.index()).isEqualTo(i);
            assertThat(c.content().codePointLength()).isEqualTo(1000);
            assertThat(c.start()).isEqualTo(i * 1000L);
            assertThat(c.byteStart()).isEqualTo(bytes);
            bytes += c.content().byteLength();
        }
        String firstMulti = multilingual.substring(0, multilingual.offsetByCodePoints(0, 1000));
        // English: 0-1000, 1000-2000, 2000-3000, then over again; multilingual: its first 1000 each time (1800 < 2000)
        assertThat(chunks).extracting(Chunk::text).containsExactly(english.substring(0, 1000), english.substring(1000, 2000),
                firstMulti, english.substring(2000, 3000), english.substring(0, 1000), firstMulti, english.substring(1000, 2000),
                english.substring(2000, 3000), firstMulti);
        assertThatThrownBy(() -> PostgresWriteInputs.chunks(DOC, 1, "short", multilingual))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesTheRowTheStoreWritesWithCopyEscapes() {
        Utf8Text text = Utf8Text.of("a\tb\\c\nd\re 世");
        Chunk chunk = new Chunk(DOC, 7, text, 10, 10 + text.codePointLength(), 20, 20 + text.byteLength(), 12, SizeUnit.CHARS,
                "recursive", ChunkMetadata.NONE, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PostgresWriteInputs.appendRow(out, 42, "coll\\x", 3, chunk);
        String row = out.toString(StandardCharsets.UTF_8);
        assertThat(row).isEqualTo("42\tcoll\\\\x\tdocument-1\t3\t7\ta\\tb\\\\c\\nd\\re 世\t10\t21\t20\t33\t12\tchars\trecursive"
                + "\t{}\t0\t\\N\t\\N\t0\t{}\n");
        assertThat(row.split("\t", -1)).hasSize(PostgresWriteInputs.COLUMNS.split(",").length);
    }

    @Test
    void refusesChunksItCannotEncodeAsTheStoreWould() {
        Chunk zero = new Chunk(DOC, 0, Utf8Text.of("a\u0000"), 0, 2, 0, 2, 2, SizeUnit.CHARS, "recursive", ChunkMetadata.NONE, 0);
        assertThatThrownBy(() -> PostgresWriteInputs.appendRow(new ByteArrayOutputStream(), 1, "c", 1, zero))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
    }
}
