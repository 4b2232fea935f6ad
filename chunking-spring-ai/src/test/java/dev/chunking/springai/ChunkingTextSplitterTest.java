package dev.chunking.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.UnknownPluginException;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.ContentFormatter;
import org.springframework.ai.document.DefaultContentFormatter;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.document.id.JdkSha256HexIdGenerator;
import org.springframework.ai.transformer.splitter.TokenTextSplitter;
import org.springframework.util.MimeTypeUtils;

class ChunkingTextSplitterTest {
    /** Real documents of core's test resources: Markdown, and Markdown with multi-byte text. */
    private static final String MARKDOWN = text("markdown/nodejs-BUILDING.md");
    private static final String MULTIBYTE = text("markdown/charset_normalizer-README.md");

    static String text(String resource) {
        return new String(RealDocuments.read(resource), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> everyStrategyOnTwoRealDocuments() {
        return RealDocuments.STRATEGIES.stream().flatMap(strategy -> Stream.of(
                Arguments.of(strategy, "markdown/charset_normalizer-README.md"), Arguments.of(strategy, "prose/nodejs-esm.md")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyStrategyOnTwoRealDocuments")
    void everyStrategyCutsDocumentsThatAreExactSlicesOfTheSourceAtTheirOffsets(String strategy, String resource) {
        String source = text(resource);
        ChunkingTextSplitter splitter = ChunkingTextSplitter.builder().strategy(strategy)
                .options(ChunkingOptions.builder().maxSize(300).overlap(40).build()).build();

        List<Document> documents = splitter.apply(List.of(new Document("source-1", source, Map.of())));

        assertThat(documents).hasSizeGreaterThan(3);
        Slices.assertExact("source-1", source, documents);
        assertThat(documents).allSatisfy(d -> assertThat(d.getMetadata()).containsEntry(MetadataKeys.STRATEGY, strategy));
    }

    @Test
    void springAisOwnKeysHaveTheNamesAndTypesItsTokenTextSplitterWrites() {
        Document source = new Document("source-1", MARKDOWN, Map.of("source", "guide.md"));
        Map<String, Object> theirs = new TokenTextSplitter().apply(List.of(source)).get(1).getMetadata();
        Map<String, Object> ours = ChunkingTextSplitter.defaults().apply(List.of(source)).get(1).getMetadata();

        assertThat(theirs).containsOnlyKeys("source", MetadataKeys.PARENT_DOCUMENT_ID, MetadataKeys.CHUNK_INDEX,
                MetadataKeys.TOTAL_CHUNKS);
        theirs.forEach((key, value) -> assertThat(ours.get(key)).as(key).isInstanceOf(value.getClass()));
        assertThat(ours).containsEntry(MetadataKeys.PARENT_DOCUMENT_ID, "source-1").containsEntry(MetadataKeys.CHUNK_INDEX, 1);
    }

    @Test
    void ourKeysCarryNumbersForOffsetsAndLevelAndStringsForIdsAndStrategy() {
        List<Document> documents = ChunkingTextSplitter.defaults().apply(List.of(new Document("doc", MULTIBYTE, Map.of())));
        Map<String, Object> metadata = documents.get(documents.size() - 1).getMetadata();

        assertThat(metadata.get(MetadataKeys.START)).isInstanceOf(Long.class);
        assertThat(metadata.get(MetadataKeys.END)).isInstanceOf(Long.class);
        assertThat(metadata.get(MetadataKeys.BYTE_START)).isInstanceOf(Long.class);
        assertThat(metadata.get(MetadataKeys.BYTE_END)).isInstanceOf(Long.class);
        assertThat(metadata.get(MetadataKeys.TOTAL_CHUNKS)).isInstanceOf(Integer.class);
        assertThat(metadata).containsEntry(MetadataKeys.LEVEL, 0).containsEntry(MetadataKeys.STRATEGY, "recursive")
                .containsEntry(MetadataKeys.ID, "doc#" + (documents.size() - 1)).doesNotContainKeys(MetadataKeys.PARENT_ID,
                        MetadataKeys.HEADINGS);
        assertThat((Long) metadata.get(MetadataKeys.BYTE_END)).as("multi-byte text: more bytes than code points")
                .isGreaterThan((Long) metadata.get(MetadataKeys.END));
    }

    @Test
    void theSourcesMetadataIsCopiedAndOurKeysReplaceSourceEntriesOfTheSameName() {
        Map<String, Object> sourceMetadata = Map.of("source", "guide.md", "page", 3, MetadataKeys.CHUNK_INDEX, 99);
        List<Document> documents = ChunkingTextSplitter.defaults().apply(List.of(new Document("doc", MARKDOWN, sourceMetadata)));

        assertThat(documents).allSatisfy(d -> assertThat(d.getMetadata()).containsEntry("source", "guide.md")
                .containsEntry("page", 3));
        assertThat(documents.get(0).getMetadata()).containsEntry(MetadataKeys.CHUNK_INDEX, 0);
    }

    @Test
    void markdownChunksCarryTheirHeadingPathAsAJsonArrayThatReadsBackExactlyAndTheirLevel() {
        String source = "# Guide\n\nIntro text.\n\n## Install > On \"Linux\"\n\nRun the installer and wait until it is done.\n";
        List<Document> documents = ChunkingTextSplitter.builder().strategy("markdown")
                .options(ChunkingOptions.builder().maxSize(40).overlap(0).minSize(0).build()).build()
                .apply(List.of(new Document("doc", source, Map.of())));

        Document install = documents.stream().filter(d -> d.getText().contains("installer")).findFirst().orElseThrow();
        assertThat(install.getMetadata()).containsEntry(MetadataKeys.HEADINGS, "[\"Guide\",\"Install > On \\\"Linux\\\"\"]")
                .containsEntry(MetadataKeys.LEVEL, 2);
        assertThat(MetadataKeys.headings(install.getMetadata())).containsExactly("Guide", "Install > On \"Linux\"");
        Slices.assertExact("doc", source, documents);
    }

    @Test
    void hierarchicalChunksCarryTheirOwnIdAndTheirParentsId() {
        List<Document> documents = ChunkingTextSplitter.builder().strategy("hierarchical")
                .options(ChunkingOptions.builder().maxSize(400).overlap(0).parameter("levels", "400,100").build()).build()
                .apply(List.of(new Document("doc", MARKDOWN, Map.of())));

        Document child = documents.stream().filter(d -> d.getMetadata().get(MetadataKeys.LEVEL).equals(1)).findFirst()
                .orElseThrow();
        Object parentId = child.getMetadata().get(MetadataKeys.PARENT_ID);
        Document parent = documents.stream().filter(d -> d.getMetadata().get(MetadataKeys.ID).equals(parentId))
                .findFirst().orElseThrow();
        assertThat(child.getMetadata().get(MetadataKeys.ID)).isEqualTo("doc#L1-0");
        assertThat(parent.getMetadata()).containsEntry(MetadataKeys.LEVEL, 0).doesNotContainKey(MetadataKeys.PARENT_ID);
        assertThat(parent.getText()).contains(child.getText());
    }

    @Test
    void splitTextGivesTheSameTextsAsApply() {
        ChunkingTextSplitter splitter = ChunkingTextSplitter.builder().strategy("semantic").build();

        assertThat(splitter.splitText(MULTIBYTE)).isEqualTo(
                splitter.apply(List.of(new Document(MULTIBYTE))).stream().map(Document::getText).toList());
    }

    @Test
    void splitOfOneDocumentAndOfAListGoThroughTheSameOffsets() {
        ChunkingTextSplitter splitter = ChunkingTextSplitter.defaults();
        Document first = new Document("a", MARKDOWN, Map.of());
        Document second = new Document("b", MULTIBYTE, Map.of());

        List<Document> both = splitter.split(List.of(first, second));
        List<Document> ofFirst = splitter.split(first);

        Slices.assertExact("a", MARKDOWN, both.subList(0, ofFirst.size()));
        Slices.assertExact("b", MULTIBYTE, both.subList(ofFirst.size(), both.size()));
    }

    @Test
    void anEmptyTextGivesNoDocumentAndAMediaDocumentPassesUnchanged() {
        Media png = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2}).build();
        Document media = new Document("image", png, Map.of());

        List<Document> documents = ChunkingTextSplitter.defaults().apply(List.of(new Document("empty", "", Map.of()), media));

        assertThat(documents).containsExactly(media);
    }

    @Test
    void chunksKeepTheSourcesScoreAndContentFormatterUnlessToldNotTo() {
        DefaultContentFormatter formatter = DefaultContentFormatter.builder().withTextTemplate("{content}").build();
        Document source = Document.builder().id("doc").text(MARKDOWN).score(0.5).build();
        source.setContentFormatter(formatter);

        List<Document> copied = ChunkingTextSplitter.defaults().apply(List.of(source));
        List<Document> notCopied = ChunkingTextSplitter.builder().copyContentFormatter(false).build().apply(List.of(source));

        assertThat(copied).allSatisfy(d -> {
            assertThat(d.getScore()).isEqualTo(0.5);
            assertThat(((DefaultContentFormatter) d.getContentFormatter()).getTextTemplate()).isEqualTo("{content}");
        });
        assertThat(notCopied).allSatisfy(d -> assertThat(((DefaultContentFormatter) d.getContentFormatter()).getTextTemplate())
                .isEqualTo(((DefaultContentFormatter) Document.DEFAULT_CONTENT_FORMATTER).getTextTemplate()));
    }

    @Test
    void offsetsAndIdsStayOutOfTheTextAnEmbeddingModelSeesWhileTheHeadingPathAndSourceKeysStayIn() {
        Document source = new Document("doc", "# Guide\n\nSome words.\n", Map.of("source", "guide.md"));

        Document chunk = ChunkingTextSplitter.builder().strategy("markdown").build().apply(List.of(source)).get(0);

        String embedded = chunk.getFormattedContent(MetadataMode.EMBED);
        assertThat(embedded).contains("source: guide.md", MetadataKeys.HEADINGS + ": [\"Guide\"]", "Some words.");
        assertThat(MetadataKeys.EXCLUDED_FROM_EMBEDDING).allSatisfy(key -> assertThat(embedded).doesNotContain(key));
        assertThat(chunk.getFormattedContent(MetadataMode.INFERENCE)).doesNotContain(MetadataKeys.START);
        assertThat(chunk.getFormattedContent(MetadataMode.ALL)).contains(MetadataKeys.START);
    }

    @Test
    void aContentFormatterOfAnotherKindIsCopiedAsItIs() {
        ContentFormatter plain = (document, mode) -> document.getText();
        Document source = new Document("doc", MARKDOWN, Map.of());
        source.setContentFormatter(plain);

        assertThat(ChunkingTextSplitter.defaults().apply(List.of(source)))
                .allSatisfy(d -> assertThat(d.getContentFormatter()).isSameAs(plain));
    }

    @Test
    void idsComeFromTheIdGeneratorRandomByDefault() {
        Document source = new Document("doc", MARKDOWN, Map.of());
        ChunkingTextSplitter contentIds = ChunkingTextSplitter.builder().idGenerator(new JdkSha256HexIdGenerator()).build();

        assertThat(contentIds.apply(List.of(source)).get(0).getId()).isEqualTo(contentIds.apply(List.of(source)).get(0).getId());
        assertThat(ChunkingTextSplitter.defaults().apply(List.of(source)).get(0).getId())
                .isNotEqualTo(ChunkingTextSplitter.defaults().apply(List.of(source)).get(0).getId());
    }

    @Test
    void aBuilderChangedAfterBuildDoesNotChangeTheSplitterItBuilt() {
        ChunkingTextSplitter.Builder builder = ChunkingTextSplitter.builder().strategy("character");
        ChunkingTextSplitter character = builder.build();
        builder.strategy("markdown").copyContentFormatter(false);

        assertThat(character.chunking().strategy().name()).isEqualTo("character");
        assertThat(character.isCopyContentFormatter()).isTrue();
        assertThat(character.toString()).contains("strategy=character");
    }

    @Test
    void aReadyChunkingIsUsedAsItIs() {
        ChunkingTextSplitter splitter = ChunkingTextSplitter.builder().chunking(Chunking.recursive(120, 10)).build();

        assertThat(splitter.apply(List.of(new Document("doc", MARKDOWN, Map.of()))))
                .allSatisfy(d -> assertThat(d.getText().codePointCount(0, d.getText().length())).isLessThanOrEqualTo(120));
    }

    @Test
    void anUnknownStrategyIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> ChunkingTextSplitter.builder().strategy("sentences").build())
                .isInstanceOf(UnknownPluginException.class).hasMessageContaining("sentences").hasMessageContaining("recursive");
    }

    @Test
    void aParameterTheStrategyDoesNotReadIsRefusedNamingIt() {
        ChunkingOptions options = ChunkingOptions.builder().parameter("levels", "400,100").build();

        assertThatThrownBy(() -> ChunkingTextSplitter.builder().strategy("recursive").options(options).build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("strategy 'recursive' has no parameter 'levels'");
    }

    @Test
    void anOutOfRangeParameterIsRefusedWithItsValue() {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(400).parameter("levels", "100,400").build();

        assertThatThrownBy(() -> ChunkingTextSplitter.builder().strategy("hierarchical").options(options).build()
                .apply(List.of(new Document("doc", MARKDOWN, Map.of()))))
                .isInstanceOf(InvalidOptionsException.class).hasMessageContaining("100,400");
    }

    @Test
    void aReadyChunkingTogetherWithAStrategyIsRefused() {
        assertThatThrownBy(() -> ChunkingTextSplitter.builder().chunking(Chunking.recursive(100, 0)).strategy("markdown").build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("ChunkingTextSplitter.builder(): chunking(...) was set together with strategy(\"markdown\");"
                        + " set either chunking(...) or strategy/options/registry, not both");
    }

    @Test
    void changingTheContentFormatterSettingAfterBuildIsRefused() {
        ChunkingTextSplitter splitter = ChunkingTextSplitter.defaults();

        assertThatThrownBy(() -> splitter.setCopyContentFormatter(false)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("copyContentFormatter is fixed when a ChunkingTextSplitter is built (it is true); set it with"
                        + " ChunkingTextSplitter.builder().copyContentFormatter(false)");
        assertThat(splitter.isCopyContentFormatter()).isTrue();
    }

    @Test
    void aLoneSurrogateIsRefusedNamingWhereItIs() {
        Document source = new Document("doc", "ab\ud800cd", Map.of());

        assertThatThrownBy(() -> ChunkingTextSplitter.defaults().apply(List.of(source)))
                .isInstanceOf(MalformedInputException.class).hasMessageStartingWith("lone surrogate U+D800 at char index 2");
    }

    @Test
    void aSourceIdTooLongToNameChunksIsRefusedSayingWhy() {
        Document source = new Document("x".repeat(600), "text", Map.of());

        assertThatThrownBy(() -> ChunkingTextSplitter.defaults().apply(List.of(source)))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("Spring AI document '" + "x".repeat(40) + "...': document id is 600 chars long,"
                        + " more than the limit of 512")
                .hasMessageContaining("give the Document an id of at most 512 chars");
    }
}
