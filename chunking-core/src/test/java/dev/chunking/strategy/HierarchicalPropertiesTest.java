package dev.chunking.strategy;

import static dev.chunking.testing.TextRanges.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.SizeUnit;
import dev.chunking.testing.Feeds;
import dev.chunking.testing.Promises;
import dev.chunking.testing.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The {@code hierarchical} strategy: each level cut from its parents' text as {@code recursive} cuts, parents the union of their children, stable ids. */
class HierarchicalPropertiesTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    @Provide
    Arbitrary<ChunkingOptions> options() {
        // the min size is a share of the default max size (1000) that every level applies to its own size
        return Arbitraries.integers().between(1, 4).flatMap(n -> Arbitraries.integers().between(1, 400).list().ofSize(n)
                .map(sizes -> sizes.stream().distinct().sorted((a, b) -> b - a).toList())
                .flatMap(sizes -> Combinators.combine(Arbitraries.integers().between(0, sizes.get(sizes.size() - 1) - 1),
                        Arbitraries.integers().between(0, 600)).as((overlap, min) -> ChunkingOptions.builder()
                        .overlap(overlap).minSize(min)
                        .parameter("levels", sizes.stream().map(String::valueOf).collect(Collectors.joining(","))).build())));
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown());
    }

    /** The chunks of one level, numbered from 0, with that level's options. */
    private static List<Chunk> level(List<Chunk> chunks, int level) {
        List<Chunk> view = new ArrayList<>();
        for (Chunk c : chunks) {
            if (c.metadata().level() == level) {
                view.add(new Chunk(c.document(), view.size(), c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(),
                        c.size(), c.unit(), c.strategy(), c.metadata(), c.replacements()));
            }
        }
        return view;
    }

    @Property(tries = 1500)
    void everyLevelKeepsThePromisesAndEveryParentIsExactlyTheUnionOfItsChildren(@ForAll("options") ChunkingOptions options,
                                                                               @ForAll("documents") String text) {
        int[] sizes = HierarchicalStrategy.sizes(options);
        List<Chunk> chunks = Chunking.of(HierarchicalStrategy.NAME, options).chunk(DOC, text);
        Map<String, Chunk> byId = new HashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.index()).isEqualTo(i);
            assertThat(c.metadata().id()).isPresent();
            assertThat(byId.put(c.metadata().id().get(), c)).as("ids are unique").isNull();
        }
        Map<String, List<Chunk>> childrenById = children(chunks);
        for (Chunk c : chunks) {
            if (c.metadata().level() == 0) {
                assertThat(c.metadata().parent()).isEmpty();
            } else {
                Chunk parent = byId.get(c.metadata().parent().orElseThrow());
                assertThat(parent).as("the parent of %s exists", c.metadata().id()).isNotNull();
                assertThat(parent.index()).as("a parent is emitted after its children").isGreaterThan(c.index());
                assertThat(parent.metadata().level()).isEqualTo(c.metadata().level() - 1);
            }
            if (c.metadata().level() < sizes.length - 1) {
                List<Chunk> children = childrenById.getOrDefault(c.metadata().id().orElseThrow(), List.of());
                assertThat(children).as("%s has children", c).isNotEmpty();
                assertThat(children.get(0).start()).as("the first child of %s starts with it", c).isEqualTo(c.start());
                assertThat(children.get(children.size() - 1).end()).as("the last child of %s ends with it", c).isEqualTo(c.end());
                for (int i = 1; i < children.size(); i++) {
                    assertThat(children.get(i).start()).as("no gap between children of %s", c).isLessThanOrEqualTo(children.get(i - 1).end());
                }
            }
        }
        ChunkingOptions[] levels = HierarchicalStrategy.levelOptions(options);
        Promises.assertKept(text, level(chunks, 0), levels[0].toBuilder().minSize(0).build(), null, sizes[sizes.length - 1]);
    }

    @Property(tries = 500)
    void cutsTheTopAndEachParentsTextExactlyAsRecursiveCutsThem(@ForAll("options") ChunkingOptions options,
                                                                @ForAll("documents") String text) {
        int[] sizes = HierarchicalStrategy.sizes(options);
        ChunkingOptions[] levels = HierarchicalStrategy.levelOptions(options);
        List<Chunk> chunks = Chunking.of(HierarchicalStrategy.NAME, options).chunk(DOC, text);
        Map<String, List<Chunk>> childrenById = children(chunks);
        assertThat(ranges(level(chunks, 0), 0)).isEqualTo(ranges(Chunking.of(RecursiveStrategy.NAME, levels[0]).chunk(DOC, text), 0));
        for (Chunk parent : chunks) {
            int below = parent.metadata().level() + 1;
            if (below < sizes.length) {
                String own = slice(text, parent.start(), parent.end());
                assertThat(ranges(childrenById.get(parent.metadata().id().orElseThrow()), 0)).as("the children of %s", parent)
                        .isEqualTo(ranges(Chunking.of(RecursiveStrategy.NAME, levels[below]).chunk(DOC, own), parent.start()));
            }
        }
    }

    @Test
    void overlapsEveryLevelByTheFinestLevelsShareOfItsSizeUpToHalf() {
        ChunkingOptions[] levels = HierarchicalStrategy.levelOptions(ChunkingOptions.builder().overlap(32).minSize(250)
                .parameter("levels", "2048,512,128").build());
        assertThat(levels).extracting(o -> o.maxSize() + "/" + o.overlap() + "/" + o.minSize())
                .containsExactly("2048/512/512", "512/128/128", "128/32/32");
        // above half the finest size, coarser levels stop at half theirs: each re-cuts its parents' text, overlaps included
        assertThat(HierarchicalStrategy.levelOptions(ChunkingOptions.builder().overlap(96).minSize(0)
                .parameter("levels", "2048,512,128").build())).extracting(ChunkingOptions::overlap).containsExactly(1024, 256, 96);
    }

    @Property(tries = 500)
    void emitsIdenticalChunksWithStableIdsForAnyByteSplit(@ForAll("options") ChunkingOptions options,
                                                          @ForAll("documents") String text, @ForAll long seed) {
        Chunking chunking = Chunking.of(HierarchicalStrategy.NAME, options);
        List<Chunk> whole = chunking.chunk(DOC, text);
        assertThat(Feeds.inRandomBytePieces(chunking, DOC, text, new Random(seed), 7)).isEqualTo(whole);
    }

    @Property(tries = 300)
    void packsCodePointTokensExactlyAsChars(@ForAll("options") ChunkingOptions options, @ForAll("documents") String text) {
        List<Chunk> chars = Chunking.of(HierarchicalStrategy.NAME, options).chunk(DOC, text);
        List<Chunk> tokens = Chunking.of(HierarchicalStrategy.NAME, options.toBuilder().unit(SizeUnit.TOKENS).build())
                .chunk(DOC, text);
        assertThat(tokens).extracting(c -> c.start() + "-" + c.end() + " " + c.size() + " " + c.metadata().id() + " " + c.metadata().parent())
                .containsExactlyElementsOf(chars.stream().map(c -> c.start() + "-" + c.end() + " " + c.size() + " " + c.metadata().id()
                        + " " + c.metadata().parent()).toList());
    }

    @Test
    void givesTheTextWhereParentsOverlapChildrenInBoth() {
        // levels overlap by 22 and 10: the second parent starts 22 code points before the first ends, and both have the
        // children 20-35 and 25-42
        String text = "One two three four. Five six seven eight. Nine ten eleven twelve. End.";
        List<Chunk> chunks = Chunking.of(HierarchicalStrategy.NAME, ChunkingOptions.builder().overlap(10).minSize(0)
                .parameter("levels", "45,20").build()).chunk(DOC, text);
        assertThat(chunks).extracting(c -> c.metadata().id().orElseThrow() + " " + c.metadata().parent().orElse("-") + " "
                + c.start() + "-" + c.end()).containsExactly(
                "doc#L1-0 doc#L0-0 0-20", "doc#L1-1 doc#L0-0 14-29", "doc#L1-2 doc#L0-0 20-35", "doc#L1-3 doc#L0-0 25-42",
                "doc#L0-0 - 0-42",
                "doc#L1-4 doc#L0-1 20-35", "doc#L1-5 doc#L0-1 25-42", "doc#L1-6 doc#L0-1 35-51", "doc#L1-7 doc#L0-1 42-58",
                "doc#L0-1 - 20-58",
                "doc#L1-8 doc#L0-2 42-58", "doc#L1-9 doc#L0-2 51-70", "doc#L0-2 - 42-70");
    }

    @Test
    void defaultsToThreeLevelsWithIdsFromDocumentLevelAndIndex() {
        String text = "Sentence number one is here. ".repeat(400);
        List<Chunk> chunks = Chunking.of(HierarchicalStrategy.NAME, ChunkingOptions.builder().overlap(0).build()).chunk(DOC, text);
        assertThat(chunks).extracting(c -> c.metadata().level()).containsOnly(0, 1, 2);
        assertThat(chunks.get(0).metadata().id()).contains("doc#L2-0");
        assertThat(chunks.get(0).metadata().parent()).contains("doc#L1-0");
        assertThat(chunks).filteredOn(c -> c.metadata().id().equals(Optional.of("doc#L1-0"))).singleElement()
                .satisfies(c -> assertThat(c.metadata().parent()).contains("doc#L0-0"));
        assertThat(chunks).filteredOn(c -> c.metadata().level() == 1).allSatisfy(c -> assertThat(c.size()).isLessThanOrEqualTo(512));
        assertThat(chunks).filteredOn(c -> c.metadata().level() == 0).allSatisfy(c -> assertThat(c.size()).isLessThanOrEqualTo(2048));
        assertThat(chunks).filteredOn(c -> c.metadata().level() == 2).allSatisfy(c -> assertThat(c.size()).isLessThanOrEqualTo(128));
    }

    @Test
    void refusesLevelsThatAreNotStrictlyDecreasingOrTooMany() {
        assertThatThrownBy(() -> chunk("levels", "512,2048")).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("levels '512,2048': sizes must be 1..16777216 and strictly decreasing, largest first, like 2048,512,128 (--levels)");
        assertThatThrownBy(() -> chunk("levels", "6,5,4,3,2,1")).hasMessage("levels '6,5,4,3,2,1' has 6 sizes, more than 5; give at most 5 (--levels)");
        assertThatThrownBy(() -> chunk("levels", "100,x")).hasMessage("parameter levels is '100,x'; give comma-separated whole numbers, each from 1 to 16777216"
                + " (--levels, default 2048,512,128)");
        assertThatThrownBy(() -> Chunking.of(HierarchicalStrategy.NAME, ChunkingOptions.builder().overlap(0)
                .malformedInput(MalformedInputPolicy.REPLACE).build()).chunk(DOC, "x"))
                .hasMessageContaining("use --on-malformed report");
        assertThatThrownBy(() -> Chunking.of(HierarchicalStrategy.NAME, ChunkingOptions.builder().overlap(128).build()).chunk(DOC, "x"))
                .hasMessage("overlap 128 must be below the finest level's size 128; lower --overlap or raise the last of --levels");
    }

    /** Each chunk's range and size, shifted by {@code by}. */
    private static List<String> ranges(List<Chunk> chunks, long by) {
        return chunks.stream().map(c -> (c.start() + by) + "-" + (c.end() + by) + " " + c.size()).toList();
    }

    /** Each parent's children, in order, by the parent's id. */
    private static Map<String, List<Chunk>> children(List<Chunk> chunks) {
        Map<String, List<Chunk>> out = new HashMap<>();
        for (Chunk c : chunks) {
            c.metadata().parent().ifPresent(p -> out.computeIfAbsent(p, k -> new ArrayList<>()).add(c));
        }
        return out;
    }

    private static List<Chunk> chunk(String name, String value) {
        return Chunking.of(HierarchicalStrategy.NAME, ChunkingOptions.builder().overlap(0).parameter(name, value).build()).chunk(DOC, "text");
    }
}
