package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.Embedder;
import dev.chunking.testing.Feeds;
import dev.chunking.testing.Promises;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The {@code semantic} strategy: breaks at topic shifts, batches embedding calls, reports embedder failures. */
class SemanticStrategyTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final String[] COOKING = {
        "Chop the onions and garlic finely. ", "Heat the olive oil in a large pan. ", "Fry the onions in the oil until golden. ",
        "Add the garlic to the pan and stir. ", "Season the onions with salt and pepper. ", "Pour the tomatoes into the pan. ",
        "Simmer the sauce with the lid on. ", "Stir the sauce and taste the seasoning. ", "Boil the pasta in salted water. ",
        "Drain the pasta and add it to the sauce. ", "Serve the pasta with grated cheese. ", "Garnish the plate with fresh basil. "};
    private static final String[] ASTRONOMY = {
        "The telescope shows the stars of the galaxy. ", "The stars of the galaxy orbit its dark centre. ",
        "The galaxy holds billions of stars and planets. ", "A telescope maps the planets around the stars. ",
        "The planets orbit the stars of the galaxy. ", "Light from the stars reaches the telescope. ",
        "The galaxy and its stars drift through space. ", "Space telescopes watch the stars of other galaxies. ",
        "The stars and planets of the galaxy formed from gas. ", "Gas between the stars of the galaxy glows. ",
        "The telescope counts the planets of nearby stars. ", "Every galaxy holds stars, planets and gas. "};

    private static String topics() {
        return String.join("", COOKING) + String.join("", ASTRONOMY);
    }

    @Test
    void breaksWhereTheTopicShifts() {
        String text = topics();
        ChunkingOptions options = ChunkingOptions.builder().maxSize(text.length()).overlap(0).parameter("window", "8").build();
        List<Chunk> chunks = Chunking.of(SemanticStrategy.NAME, options).chunk(DOC, text);
        Promises.assertKept(text, chunks, options);
        assertThat(chunks).extracting(Chunk::end).contains((long) String.join("", COOKING).length());
        assertThat(chunks.size()).as("a handful of breaks, not one per sentence").isLessThanOrEqualTo(5);
    }

    @Test
    void withAnOverlapTheEndOfATopicLongerThanTheStrideStartsAChunkOfItsOwn() {
        String text = topics();
        long shift = String.join("", COOKING).length();
        ChunkingOptions options = ChunkingOptions.builder().maxSize(600).overlap(300).minSize(50).parameter("window", "8").build();
        List<Chunk> chunks = Chunking.of(SemanticStrategy.NAME, options).chunk(DOC, text);
        Promises.assertKept(text, chunks, options);
        assertThat(shift).as("the topic is longer than max size - overlap, the stride").isGreaterThan(600 - 300);
        int tail = indexEndingAt(chunks, shift);
        Chunk first = chunks.get(tail - 1);
        Chunk end = chunks.get(tail);
        assertThat(first.start()).isZero();
        assertThat(end.start()).as("the end of the topic starts a chunk at the first word past the stride")
                .isGreaterThanOrEqualTo(300).isLessThan(first.end());
        assertThat(text.charAt((int) end.start() - 1)).isEqualTo(' ');
        assertThat(text.substring(0, (int) first.end())).as("the chunk before it ends at a sentence end").endsWith(". ");
        assertThat(chunks.get(tail + 1).start()).as("no overlap across the shift").isEqualTo(shift);

        ChunkingOptions noOverlap = options.toBuilder().overlap(0).build();
        List<Chunk> plain = Chunking.of(SemanticStrategy.NAME, noOverlap).chunk(DOC, text);
        assertThat(plain.get(indexEndingAt(plain, shift)).start()).as("without an overlap the topic is one chunk").isZero();
    }

    private static int indexEndingAt(List<Chunk> chunks, long end) {
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).end() == end) {
                return i;
            }
        }
        throw new AssertionError("no chunk ends at " + end + ": " + chunks.stream().map(c -> c.start() + ".." + c.end()).toList());
    }

    @Test
    void embedsEachSentenceOnceInBatchesOfTheConfiguredSize() {
        List<Integer> batches = new ArrayList<>();
        Embedder counting = counting(batches, new AtomicInteger(-1));
        String text = topics().repeat(3);
        ChunkingOptions options = ChunkingOptions.builder().maxSize(300).overlap(0).parameter("batch-size", "5").build();
        List<Chunk> chunks = Chunking.of(new SemanticStrategy(counting), options, new CodePointCounter()).chunk(DOC, text);
        Promises.assertKept(text, chunks, options);
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(72);
        assertThat(batches).allSatisfy(n -> assertThat(n).isBetween(1, 5));
        assertThat(batches).hasSize(15);
    }

    @Test
    void reportsAFailingEmbedderWithTheBatchByteRange() {
        Embedder failing = counting(new ArrayList<>(), new AtomicInteger(2));
        int from = String.join("", Arrays.copyOf(COOKING, 8)).length();
        int to = String.join("", COOKING).length();
        ChunkingOptions options = ChunkingOptions.builder().maxSize(100).overlap(0).parameter("batch-size", "4").build();
        assertThatThrownBy(() -> Chunking.of(new SemanticStrategy(failing), options, new CodePointCounter()).chunk(DOC, topics()))
                .isInstanceOf(ChunkingException.class)
                .hasMessageStartingWith("embedder 'counting' failed on a batch of 4 sentences at bytes [" + from + ", " + to + ")")
                .hasMessageContaining("model unreachable");
    }

    @Test
    void refusesParametersOutOfRange() {
        assertThatThrownBy(() -> Chunking.of(SemanticStrategy.NAME, ChunkingOptions.builder().parameter("threshold", "100").build())
                .chunk(DOC, "x")).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("parameter threshold is '100'; give a whole number from 1 to 99 (--threshold, default 95)");
        assertThatThrownBy(() -> Chunking.of(SemanticStrategy.NAME, ChunkingOptions.builder().parameter("embedder", "bert").build())
                .chunk(DOC, "x")).hasMessage("unknown embedder 'bert'; known: lexical");
    }

    /** An embedder that records batch sizes and fails on the given call (-1: never). */
    private static Embedder counting(List<Integer> batches, AtomicInteger failOnCall) {
        LexicalEmbedder lexical = new LexicalEmbedder();
        return new Embedder() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public String description() {
                return "counts";
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                if (batches.size() == failOnCall.get()) {
                    throw new IllegalStateException("model unreachable");
                }
                batches.add(texts.size());
                return lexical.embed(texts);
            }
        };
    }

    @Provide
    Arbitrary<String> sentences() {
        return Arbitraries.oneOf(Arbitraries.of(COOKING), Arbitraries.of(ASTRONOMY), Arbitraries.of("\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002",
                "e\u0301t\u00e9 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 ok. ", "\n\n", "Dr. Who v1.2 at example.com. "))
                .list().ofMaxSize(80).map(list -> String.join("", list));
    }

    @Property(tries = 300)
    void keepsThePromisesAndIgnoresTheFeedWithAnyParameters(@ForAll("sentences") String text, @ForAll long seed) {
        Random random = new Random(seed);
        int max = 20 + random.nextInt(400);
        ChunkingOptions options = ChunkingOptions.builder().maxSize(max).overlap(random.nextInt(max / 2)).minSize(random.nextInt(max / 2))
                .parameter("threshold", String.valueOf(1 + random.nextInt(99))).parameter("window", String.valueOf(8 + random.nextInt(40)))
                .parameter("batch-size", String.valueOf(1 + random.nextInt(10))).build();
        Chunking chunking = Chunking.of(SemanticStrategy.NAME, options);
        List<Chunk> whole = chunking.chunk(DOC, text);
        Promises.assertKept(text, whole, options);
        assertThat(Feeds.inRandomBytePieces(chunking, DOC, text, random, 19)).isEqualTo(whole);
    }
}
