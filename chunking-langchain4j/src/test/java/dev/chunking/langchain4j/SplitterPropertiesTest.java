package dev.chunking.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.strategy.HierarchicalStrategy;
import dev.chunking.testing.Texts;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over generated Unicode text (every script and cluster of core's {@link Texts}) and random
 * options, the segments are exact slices, in order, covering the text up to the overlap and to
 * what LangChain4j cannot hold (blank chunks), for every strategy; for {@code hierarchical}, level by level.
 */
class SplitterPropertiesTest {

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown()).filter(text -> !SegmentCollector.isBlank(text));
    }

    @Provide
    Arbitrary<ChunkingOptions> options() {
        return Arbitraries.integers().between(1, 300).flatMap(max -> Combinators.combine(
                Arbitraries.integers().between(0, max - 1), Arbitraries.integers().between(0, max))
                .as((overlap, min) -> ChunkingOptions.builder().maxSize(max).overlap(overlap).minSize(min).build()));
    }

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of("character", "recursive", "markdown", "semantic", "hybrid");
    }

    @Property(tries = 600)
    void segmentsAreExactSlicesInOrderCoveringTheText(@ForAll("strategies") String strategy,
                                                      @ForAll("options") ChunkingOptions options,
                                                      @ForAll("documents") String text) {
        List<TextSegment> segments = ChunkingDocumentSplitter.builder().strategy(strategy).options(options).build()
                .split(Document.from(text));
        Slices slices = new Slices(text);
        slices.assertExact(segments);
        slices.assertInOrderAndCovering(segments, options.overlap());
        for (int i = 0; i < segments.size(); i++) {
            assertThat(segments.get(i).metadata().getString(SegmentMetadata.INDEX)).isEqualTo(String.valueOf(i));
            assertThat(segments.get(i).metadata().getInteger(SegmentMetadata.SIZE)).isLessThanOrEqualTo(options.maxSize());
        }
    }

    @Property(tries = 300)
    void theTopLevelAndEveryParentsChildrenAreExactInOrderAndCovering(@ForAll("documents") String text,
                                                         @ForAll("levels") List<Integer> sizes) {
        int overlap = sizes.get(sizes.size() - 1) / 5;
        List<TextSegment> segments = ChunkingDocumentSplitter.builder().strategy("hierarchical").overlap(overlap).minSize(overlap / 2)
                .parameter("levels", sizes.stream().map(String::valueOf).collect(Collectors.joining(","))).build()
                .split(Document.from(text));
        Slices slices = new Slices(text);
        slices.assertExact(segments);
        ChunkingOptions[] levels = HierarchicalStrategy.levelOptions(ChunkingOptions.builder().overlap(overlap)
                .parameter("levels", sizes.stream().map(String::valueOf).collect(Collectors.joining(","))).build());
        Map<String, TextSegment> byId = new HashMap<>();
        Map<String, List<TextSegment>> children = new LinkedHashMap<>();
        List<TextSegment> top = new ArrayList<>();
        for (TextSegment segment : segments) {
            byId.put(segment.metadata().getString(SegmentMetadata.ID), segment);
            String parent = segment.metadata().getString(SegmentMetadata.PARENT_ID);
            if (parent == null) {
                top.add(segment);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(segment);
            }
        }
        // the top level covers the text; every parent's children, cut from its text, cover the parent
        slices.assertInOrderAndCovering(top, levels[0].overlap());
        children.forEach((parentId, kids) -> {
            TextSegment parent = byId.get(parentId);
            assertThat(parent).as("the parent %s of a segment", parentId).isNotNull();
            int level = parent.metadata().getInteger(SegmentMetadata.LEVEL) + 1;
            slices.assertInOrderAndCovering(kids, levels[level].overlap(), parent.metadata().getLong(SegmentMetadata.START),
                    parent.metadata().getLong(SegmentMetadata.END));
        });
    }

    @Provide
    Arbitrary<List<Integer>> levels() {
        return Arbitraries.integers().between(2, 400).list().ofMinSize(1).ofMaxSize(3)
                .map(sizes -> sizes.stream().distinct().sorted((a, b) -> b - a).toList());
    }

    @Property(tries = 300)
    void aChunkIsSkippedExactlyWhenLangChain4jRefusesItsTextAsASegment(@ForAll("pieces") String text) {
        boolean refused;
        try {
            TextSegment.from(text);
            refused = false;
        } catch (IllegalArgumentException e) {
            refused = true;
        }
        assertThat(SegmentCollector.isBlank(text)).isEqualTo(refused);
        if (refused) {
            assertThatThrownBy(() -> TextSegment.from(text)).hasMessageContaining("text");
        }
    }

    @Provide
    Arbitrary<String> pieces() {
        return Arbitraries.oneOf(Texts.documents().map(t -> t.length() > 6 ? t.substring(0, 6) : t),
                Arbitraries.strings().withChars(" \t\n\r\u000b\f\u0000\u001f\u00a0\u2028\u3000\u200bx").ofMaxLength(4));
    }
}
