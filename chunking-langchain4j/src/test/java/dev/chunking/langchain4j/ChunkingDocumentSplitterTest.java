package dev.chunking.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.UnknownPluginException;
import dev.chunking.testing.RealDocuments;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The splitter's segments: LangChain4j's conventions, the library's metadata with its types, exact slices, clear failures. */
class ChunkingDocumentSplitterTest {
    private static final String GUIDE = text("documents/guide.md");
    private static final String README = text("markdown/pyenv-README.md");
    private static final List<String> STRATEGIES = RealDocuments.STRATEGIES;

    private static String text(String resource) {
        return new String(RealDocuments.read(resource), StandardCharsets.UTF_8);
    }

    private static ChunkingDocumentSplitter splitter(String strategy, int maxSize, int overlap) {
        return ChunkingDocumentSplitter.builder().strategy(strategy).maxSize(maxSize).overlap(overlap).build();
    }

    @Test
    void everySegmentCopiesTheDocumentsMetadataAndWritesLangChain4jsIndexAsAString() {
        Document document = Document.from(GUIDE, Metadata.from("file_name", "guide.md").put("owner", "docs team").put("year", 2026));
        List<TextSegment> segments = ChunkingDocumentSplitter.recursive(120, 30).split(document);
        assertThat(segments).hasSize(5);
        for (int i = 0; i < segments.size(); i++) {
            Metadata m = segments.get(i).metadata();
            assertThat(m.toMap().get(SegmentMetadata.INDEX)).isEqualTo(String.valueOf(i));
            assertThat(m.getString("file_name")).isEqualTo("guide.md");
            assertThat(m.getString("owner")).isEqualTo("docs team");
            assertThat(m.getInteger("year")).isEqualTo(2026);
        }
        assertThat(document.metadata().toMap()).as("the document's metadata is left alone").hasSize(3);
    }

    @Test
    void aSegmentSplitAgainCarriesOnlyTheFactsOfItsNewChunks() {
        TextSegment parent = ChunkingDocumentSplitter.builder().strategy("hierarchical").overlap(0).parameter("levels", "400,100")
                .build().split(Document.from(GUIDE)).stream()
                .filter(s -> s.metadata().getInteger(SegmentMetadata.LEVEL) == 0).findFirst().orElseThrow();
        assertThat(parent.metadata().getString(SegmentMetadata.ID)).isNotNull();

        List<TextSegment> again = ChunkingDocumentSplitter.recursive(120, 30).split(Document.from(parent.text(), parent.metadata()));

        assertThat(again).hasSizeGreaterThan(1).allSatisfy(segment -> {
            assertThat(segment.metadata().toMap()).doesNotContainKeys(SegmentMetadata.ID, SegmentMetadata.PARENT_ID);
            assertThat(segment.metadata().getString(SegmentMetadata.STRATEGY)).isEqualTo("recursive");
        });
        assertThat(again.get(0).metadata().getLong(SegmentMetadata.START)).isZero();
    }

    @Test
    void theLibrarysKeysHoldNumbersForOffsetsSizesAndLevelAndStringsForNames() {
        List<TextSegment> segments = ChunkingDocumentSplitter.recursive(120, 30).split(Document.from(GUIDE));
        Map<String, Object> first = segments.get(0).metadata().toMap();
        assertThat(first.get(SegmentMetadata.CHUNK_INDEX)).isInstanceOf(Long.class).isEqualTo(0L);
        assertThat(first.get(SegmentMetadata.START)).isInstanceOf(Long.class).isEqualTo(0L);
        assertThat(first.get(SegmentMetadata.END)).isInstanceOf(Long.class).isEqualTo(115L);
        assertThat(first.get(SegmentMetadata.BYTE_START)).isInstanceOf(Long.class).isEqualTo(0L);
        assertThat(first.get(SegmentMetadata.BYTE_END)).isInstanceOf(Long.class).isEqualTo(115L);
        assertThat(first.get(SegmentMetadata.SIZE)).isInstanceOf(Integer.class).isEqualTo(115);
        assertThat(first.get(SegmentMetadata.LEVEL)).isInstanceOf(Integer.class).isEqualTo(0);
        assertThat(first.get(SegmentMetadata.UNIT)).isEqualTo("chars");
        assertThat(first.get(SegmentMetadata.STRATEGY)).isEqualTo("recursive");
        assertThat(first).as("recursive gives no id, parent, headings or attributes")
                .doesNotContainKeys(SegmentMetadata.ID, SegmentMetadata.PARENT_ID, SegmentMetadata.HEADINGS,
                        SegmentMetadata.ATTRIBUTE_PREFIX + "subStrategy");
        assertThat(segments).extracting(s -> s.metadata().getLong(SegmentMetadata.START)).containsExactly(0L, 91L, 115L, 130L, 223L);
    }

    @Test
    void segmentsAreTheExactSlicesOfTheLibrarysChunksWithMultiByteText() {
        String text = text("documents/multilingual.txt");
        List<TextSegment> segments = ChunkingDocumentSplitter.recursive(40, 10).split(Document.from(text));
        List<Chunk> chunks = Chunking.recursive(40, 10).chunk(DocumentId.of("document"), text);
        assertThat(segments).extracting(TextSegment::text).containsExactlyElementsOf(chunks.stream().map(Chunk::text).toList());
        assertThat(segments).extracting(s -> s.metadata().getLong(SegmentMetadata.BYTE_START)).containsExactly(0L, 19L, 47L, 106L, 150L);
        assertThat(segments.get(4).metadata().getLong(SegmentMetadata.BYTE_END)).isEqualTo(218L);
        new Slices(text).assertExact(segments);
    }

    @ParameterizedTest
    @FieldSource("STRATEGIES")
    void everyStrategyGivesExactSlicesWithItsOwnNameAndTheSameChunksAsTheLibrary(String strategy) {
        ChunkingDocumentSplitter splitter = splitter(strategy, 400, 80);
        List<TextSegment> segments = splitter.split(Document.from(README));
        List<Chunk> chunks = splitter.chunking().chunk(DocumentId.of("document"), README).stream()
                .filter(c -> !SegmentCollector.isBlank(c.text())).toList();
        assertThat(segments).hasSize(chunks.size()).hasSizeGreaterThan(5);
        new Slices(README).assertExact(segments);
        for (int i = 0; i < segments.size(); i++) {
            Metadata m = segments.get(i).metadata();
            Chunk c = chunks.get(i);
            assertThat(m.getString(SegmentMetadata.STRATEGY)).isEqualTo(strategy);
            assertThat(m.getLong(SegmentMetadata.CHUNK_INDEX)).isEqualTo(c.index());
            assertThat(m.getInteger(SegmentMetadata.LEVEL)).isEqualTo(c.metadata().level());
            assertThat(m.getString(SegmentMetadata.ID)).isEqualTo(c.metadata().id().orElse(null));
            assertThat(m.getString(SegmentMetadata.PARENT_ID)).isEqualTo(c.metadata().parent().orElse(null));
            assertThat(SegmentMetadata.headings(m)).isEqualTo(c.metadata().headings());
            c.metadata().attributes().forEach((name, value) ->
                    assertThat(m.getString(SegmentMetadata.ATTRIBUTE_PREFIX + name)).isEqualTo(value));
        }
    }

    @Test
    void markdownSegmentsCarryTheirHeadingPathAndDepth() {
        List<TextSegment> segments = splitter("markdown", 400, 0).split(Document.from(README));
        List<List<String>> paths = segments.stream().map(s -> SegmentMetadata.headings(s.metadata())).toList();
        assertThat(paths).contains(List.of("Simple Python Version Management: pyenv"));
        assertThat(paths).anySatisfy(path -> assertThat(path).hasSizeGreaterThan(1));
        for (TextSegment segment : segments) {
            Metadata m = segment.metadata();
            assertThat(m.getString(SegmentMetadata.HEADINGS)).startsWith("[\"").endsWith("\"]");
        }
    }

    @Test
    void hierarchicalSegmentsLinkToParentsThatAreSegmentsOfTheSameSplit() {
        ChunkingDocumentSplitter splitter = ChunkingDocumentSplitter.builder().strategy("hierarchical").overlap(0)
                .parameter("levels", "1600,400,100").build();
        List<TextSegment> segments = splitter.split(Document.from(README, Metadata.from("file_name", "README.md")));
        Set<String> ids = new HashSet<>();
        for (TextSegment segment : segments) {
            assertThat(ids.add(segment.metadata().getString(SegmentMetadata.ID))).as("ids are unique").isTrue();
        }
        assertThat(ids).allSatisfy(id -> assertThat(id).startsWith("README.md#L"));
        assertThat(segments).extracting(s -> s.metadata().getInteger(SegmentMetadata.LEVEL)).contains(0, 1, 2);
        for (TextSegment segment : segments) {
            String parent = segment.metadata().getString(SegmentMetadata.PARENT_ID);
            if (segment.metadata().getInteger(SegmentMetadata.LEVEL) == 0) {
                assertThat(parent).isNull();
            } else {
                assertThat(ids).as("the parent of a level-%d segment", segment.metadata().getInteger(SegmentMetadata.LEVEL))
                        .contains(parent);
            }
        }
        new Slices(README).assertExact(segments);
    }

    @Test
    void aChunkLangChain4jTakesForBlankIsSkippedAndIndexCountsTheSegmentsReturned() {
        ChunkingDocumentSplitter splitter = ChunkingDocumentSplitter.builder().strategy("character").maxSize(5).overlap(0).minSize(0)
                .build();
        String text = "abcde \n \t fghij";
        List<TextSegment> segments = splitter.split(Document.from(text));
        assertThat(segments).extracting(TextSegment::text).containsExactly("abcde", "fghij");
        assertThat(segments).extracting(s -> s.metadata().getString(SegmentMetadata.INDEX)).containsExactly("0", "1");
        assertThat(segments).extracting(s -> s.metadata().getLong(SegmentMetadata.CHUNK_INDEX)).containsExactly(0L, 2L);
        new Slices(text).assertInOrderAndCovering(segments, 0);
    }

    @Test
    void theDocumentIdComesFromTheUrlThenThePathThenTheFileNameThenAFunction() {
        ChunkingDocumentSplitter.Builder builder = ChunkingDocumentSplitter.builder().strategy("hierarchical").overlap(0)
                .parameter("levels", "200,50");
        ChunkingDocumentSplitter byMetadata = builder.build();
        assertThat(firstId(byMetadata, Metadata.from("url", "https://example.org/a").put("file_name", "a.md")))
                .startsWith("https://example.org/a#L");
        assertThat(firstId(byMetadata, Metadata.from("file_name", "a.md").put("absolute_directory_path", "/srv/docs")))
                .startsWith("/srv/docs/a.md#L");
        assertThat(firstId(byMetadata, Metadata.from("file_name", "a.md"))).startsWith("a.md#L");
        assertThat(firstId(byMetadata, Metadata.from("url", "x".repeat(600)))).as("a url too long for an id").startsWith("document#L");
        assertThat(firstId(byMetadata, new Metadata())).startsWith("document#L");
        ChunkingDocumentSplitter byFunction = builder.documentId(d -> "kb-" + d.metadata().getString("key")).build();
        assertThat(firstId(byFunction, Metadata.from("key", "42"))).startsWith("kb-42#L");
    }

    private static String firstId(ChunkingDocumentSplitter splitter, Metadata metadata) {
        return splitter.split(Document.from(GUIDE, metadata)).get(0).metadata().getString(SegmentMetadata.ID);
    }

    @Test
    void aDocumentIdFunctionThatGivesAnInvalidIdFailsNamingTheSetting() {
        ChunkingDocumentSplitter splitter = ChunkingDocumentSplitter.builder().documentId(d -> "a\nb").build();
        assertThatThrownBy(() -> splitter.split(Document.from(GUIDE)))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("the documentId function of the ChunkingDocumentSplitter gave an invalid id")
                .hasMessageContaining("control character U+000A")
                .hasMessageContaining("make it return 1 to 512 chars without control characters");
    }

    @Test
    void anOverlapNotBelowTheMaxSizeFailsWithTheLibrarysMessage() {
        assertThatThrownBy(() -> ChunkingDocumentSplitter.recursive(200, 200))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("overlap 200 >= max size 200; set overlap (--overlap) below the max size (--size)");
        assertThatThrownBy(() -> ChunkingDocumentSplitter.builder().maxSize(0).build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("max size 0 is outside 1..16777216");
    }

    @Test
    void anUnknownStrategyFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> ChunkingDocumentSplitter.builder().strategy("recursiv").build())
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("unknown strategy 'recursiv'")
                .hasMessageContaining("markdown")
                .hasMessageContaining("did you mean 'recursive'?");
    }

    @Test
    void aMissingStrategyFailsNamingTheSetting() {
        assertThatThrownBy(() -> ChunkingDocumentSplitter.builder().strategy(" ").build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("the ChunkingDocumentSplitter has no strategy (' '); set strategy(...) to a registered name such as"
                        + " recursive or markdown");
    }

    @Test
    void aParameterTheStrategyDoesNotReadOrAValueItRefusesFailsWhenBuilt() {
        assertThatThrownBy(() -> ChunkingDocumentSplitter.builder().parameter("levels", "100,10").build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("strategy 'recursive' has no parameter 'levels'");
        assertThatThrownBy(() -> ChunkingDocumentSplitter.builder().strategy("hierarchical").parameter("levels", "ten").build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("levels");
        assertThatThrownBy(() -> ChunkingDocumentSplitter.builder().strategy("semantic").parameter("embedder", "minilm").build())
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("unknown embedder 'minilm'");
    }

    @Test
    void tokensWithoutATokenCounterFailWhenBuilt() {
        assertThatThrownBy(() -> ChunkingDocumentSplitter.builder().unit(SizeUnit.TOKENS).build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("unit tokens needs a token counter");
        ChunkingDocumentSplitter codePoints = ChunkingDocumentSplitter.builder().unit(SizeUnit.TOKENS).tokenCounter("codepoints")
                .maxSize(100).build();
        assertThat(codePoints.split(Document.from(GUIDE)).get(0).metadata().getString(SegmentMetadata.UNIT)).isEqualTo("tokens");
    }

    @Test
    void aLoneSurrogateFailsTheSplitNamingWhereItIs() {
        assertThatThrownBy(() -> ChunkingDocumentSplitter.defaults().split(Document.from("Before \ud800 after, and more words.")))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("lone surrogate U+D800 at char index 7");
        for (String broken : List.of("x\ud800", "\udc00 x", "a \ude00\ud83d b", "\ud83d\ud83d\ude00")) {
            assertThat(ChunkingDocumentSplitter.surrogates(broken)).as("%s", broken.codePoints().boxed().toList()).isEqualTo(-1);
            assertThatThrownBy(() -> ChunkingDocumentSplitter.defaults().split(Document.from(broken)))
                    .isInstanceOf(MalformedInputException.class).hasMessageContaining("lone surrogate");
        }
        assertThat(ChunkingDocumentSplitter.surrogates("pairs \ud83d\ude00\ud83c\uddfa\ud83c\udde6 only")).isEqualTo(3);
        assertThat(ChunkingDocumentSplitter.surrogates("caf\u00e9 \u6f22\u5b57")).isZero();
    }

    @Test
    void aDocumentPastTheInputLimitsFailsWithTheLibrarysException() {
        ChunkingDocumentSplitter splitter = ChunkingDocumentSplitter.builder()
                .limits(InputLimits.defaults().withMaxDocumentBytes(100)).build();
        assertThatThrownBy(() -> splitter.split(Document.from(GUIDE)))
                .isInstanceOf(InputLimitException.class)
                .hasMessageContaining("100");
    }

    @Test
    void defaultsRecursiveAndOfSplitAsTheChunkingTheyStandFor() {
        assertThat(ChunkingDocumentSplitter.defaults().chunking().options()).isEqualTo(ChunkingOptions.defaults());
        assertThat(ChunkingDocumentSplitter.builder().build().chunking().options()).isEqualTo(ChunkingOptions.defaults());
        assertThat(ChunkingDocumentSplitter.recursive(300, 60).chunking().options())
                .isEqualTo(ChunkingOptions.builder().maxSize(300).overlap(60).build());
        Chunking markdown = Chunking.of("markdown", ChunkingOptions.builder().maxSize(300).build());
        assertThat(ChunkingDocumentSplitter.of(markdown).split(Document.from(README)))
                .extracting(TextSegment::text)
                .containsExactlyElementsOf(ChunkingDocumentSplitter.builder().strategy("markdown")
                        .options(ChunkingOptions.builder().maxSize(300).build()).build().split(Document.from(README))
                        .stream().map(TextSegment::text).toList());
        assertThat(ChunkingDocumentSplitter.defaults()).hasToString(
                "ChunkingDocumentSplitter[strategy=recursive, options=" + ChunkingOptions.defaults() + "]");
    }

    @Test
    void oneSplitterServesManyThreadsWithTheSameSegments() throws Exception {
        ChunkingDocumentSplitter splitter = splitter("markdown", 300, 60);
        List<TextSegment> expected = splitter.split(Document.from(README));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<TextSegment>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> splitter.split(Document.from(README))));
            }
            for (Future<List<TextSegment>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
