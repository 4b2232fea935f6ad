package dev.chunking.strategy;

import static dev.chunking.testing.TextRanges.endsParagraph;
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

/** The {@code hierarchical} strategy: every level keeps the promises, children lie in their parents, ids are stable. */
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
    void everyLevelKeepsThePromisesAndEveryChildLiesInItsParent(@ForAll("options") ChunkingOptions options,
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
        for (Chunk c : chunks) {
            if (c.metadata().level() == 0) {
                assertThat(c.metadata().parent()).isEmpty();
            } else {
                Chunk parent = byId.get(c.metadata().parent().orElseThrow());
                assertThat(parent).as("the parent of %s exists", c.metadata().id()).isNotNull();
                assertThat(parent.index()).as("a parent is emitted after its children").isGreaterThan(c.index());
                assertThat(parent.metadata().level()).isEqualTo(c.metadata().level() - 1);
                assertThat(c.start()).isGreaterThanOrEqualTo(parent.start());
                assertThat(c.end()).isLessThanOrEqualTo(parent.end());
            }
        }
        for (int level = 0; level < sizes.length; level++) {
            ChunkingOptions levelOptions = options.toBuilder().maxSize(sizes[level]).minSize(0).build();
            Promises.assertKept(text, level(chunks, level), levelOptions, null, sizes[sizes.length - 1]);
        }
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

    @Property(tries = 1000)
    void endsAParentAtItsLatestParagraphEndPastTheMinSizeOnceTheNextChildDoesNotFit(@ForAll("options") ChunkingOptions options,
                                                                                   @ForAll("documents") String text) {
        int[] sizes = HierarchicalStrategy.sizes(options);
        List<Chunk> chunks = Chunking.of(HierarchicalStrategy.NAME, options).chunk(DOC, text);
        for (int level = 0; level < sizes.length - 1; level++) {
            long min = Math.min(sizes[level], (long) options.minSize() * sizes[level] / options.maxSize());
            List<Chunk> parents = level(chunks, level);
            List<Chunk> kids = level(chunks, level + 1);
            int last = -1; // the position in kids of the current parent's last child
            for (int i = 0; i + 1 < parents.size(); i++) {
                Chunk parent = parents.get(i);
                List<Chunk> children = childrenOf(chunks, parent);
                last += children.size();
                if (!endsParagraph(slice(text, parent.start(), parent.end()))) {
                    // it took children while they fitted, and had no paragraph end past the min size to end at
                    assertThat(kids.get(last + 1).end() - parent.start()).as("%s ends before a child that fits", parent)
                            .isGreaterThan(sizes[level]);
                    for (Chunk child : children) {
                        if (endsParagraph(slice(text, parent.start(), child.end()))) {
                            assertThat(child.end() - parent.start()).as("%s could have ended at the paragraph end of %s", parent, child)
                                    .isLessThan(min);
                        }
                    }
                    continue;
                }
                // it ends at its latest paragraph end: the children that fitted after it held none, and then one did not fit
                int j = last + 1;
                while (j < kids.size() && kids.get(j).end() - parent.start() <= sizes[level]) {
                    assertThat(endsParagraph(slice(text, parent.start(), kids.get(j).end())))
                            .as("%s ends before a later paragraph end that fits, at %s", parent, kids.get(j)).isFalse();
                    j++;
                }
                assertThat(j).as("%s ends while every later child fits", parent).isLessThan(kids.size());
                if (j > last + 1) {
                    assertThat(parent.end() - parent.start()).as("%s was cut at a paragraph end below the min size %d", parent, min)
                            .isGreaterThanOrEqualTo(min);
                }
            }
        }
    }

    @Test
    void endsAParentWithAParagraphRatherThanTakeTheStartOfTheNextOne() {
        String text = "One two three.\n\nFive six seven eight nine ten eleven twelve.\n\nEnd.";
        List<Chunk> chunks = Chunking.of(HierarchicalStrategy.NAME, ChunkingOptions.builder().overlap(0).minSize(250)
                .parameter("levels", "60,20").build()).chunk(DOC, text);
        assertThat(chunks).extracting(c -> c.metadata().id().orElseThrow() + " " + c.metadata().parent().orElse("-") + " "
                + c.start() + "-" + c.end()).containsExactly(
                "doc#L1-0 doc#L0-0 0-16", "doc#L0-0 - 0-16",
                "doc#L1-1 doc#L0-1 16-31", "doc#L1-2 doc#L0-1 31-46", "doc#L1-3 doc#L0-1 46-66", "doc#L0-1 - 16-66");
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

    /** A level's children of {@code parent}, in order. */
    private static List<Chunk> childrenOf(List<Chunk> chunks, Chunk parent) {
        return chunks.stream().filter(c -> c.metadata().parent().equals(parent.metadata().id())).toList();
    }

    private static List<Chunk> chunk(String name, String value) {
        return Chunking.of(HierarchicalStrategy.NAME, ChunkingOptions.builder().overlap(0).parameter(name, value).build()).chunk(DOC, "text");
    }
}
