package dev.chunking.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentReader;
import org.springframework.ai.reader.TextReader;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.SimpleVectorStoreContent;
import org.springframework.core.io.ClassPathResource;

/**
 * Spring AI's own ETL path, reader to transformer to vector store, on real documents: every
 * document the store keeps is an exact slice of the source at the code-point offsets in its
 * metadata, and the store finds it again by its text, with its heading path.
 */
class EtlPipelineIT {

    static Stream<Arguments> everyStrategyOnTwoMarkdownDocumentsOneWithMultiByteText() {
        return RealDocuments.STRATEGIES.stream().flatMap(strategy -> Stream.of(
                Arguments.of(strategy, "markdown/nodejs-BUILDING.md"), Arguments.of(strategy, "markdown/charset_normalizer-README.md")));
    }

    static Stream<String> everyRealDocument() {
        return RealDocuments.NAMES.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyStrategyOnTwoMarkdownDocumentsOneWithMultiByteText")
    void everyStoredDocumentIsAnExactSliceOfTheSourceAtItsOffsets(String strategy, String resource) {
        ChunkingTextSplitter splitter = ChunkingTextSplitter.builder().strategy(strategy)
                .options(ChunkingOptions.builder().maxSize(500).overlap(50).build()).build();

        assertThat(runsThroughTheEtlPipeline(splitter, resource)).isGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRealDocument")
    void theDefaultSplitterStoresExactSlicesOfEveryRealDocument(String resource) {
        assertThat(runsThroughTheEtlPipeline(ChunkingTextSplitter.defaults(), resource)).isPositive();
    }

    @Test
    void aSearchFindsTheSectionThatHoldsItsWordsWithItsHeadingPathReadBackFromTheStore() {
        InspectableStore store = new InspectableStore();
        store.write(ChunkingTextSplitter.builder().strategy("markdown")
                .options(ChunkingOptions.builder().maxSize(800).build()).build()
                .transform(new TextReader(new ClassPathResource("markdown/nodejs-readline.md")).read()));

        Document found = store.similaritySearch(SearchRequest.builder()
                .query("readline createInterface question answer rl.close").topK(1).build()).get(0);

        assertThat(found.getMetadata().get(MetadataKeys.HEADINGS)).isInstanceOf(String.class);
        assertThat(MetadataKeys.headings(found.getMetadata())).isNotEmpty().first().isEqualTo("Readline");
        assertThat(found.getText()).contains("createInterface");
    }

    /** Reads, splits and stores one resource, checks what the store holds, and returns how many documents it holds. */
    private static int runsThroughTheEtlPipeline(ChunkingTextSplitter splitter, String resource) {
        String source = new String(RealDocuments.read(resource), StandardCharsets.UTF_8);
        DocumentReader reader = new TextReader(new ClassPathResource(resource));
        InspectableStore store = new InspectableStore();

        store.write(splitter.transform(reader.read()));

        List<SimpleVectorStoreContent> stored = store.contents();
        assertThat(stored).isNotEmpty();
        String sourceId = (String) stored.get(0).getMetadata().get(MetadataKeys.PARENT_DOCUMENT_ID);
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        Slices.assertExact(sourceId, source, stored.stream().map(c -> new Document(c.getId(), c.getText(), c.getMetadata()))
                .toList());
        assertThat(stored).allSatisfy(content -> assertThat(content.getMetadata())
                .containsEntry(TextReader.SOURCE_METADATA, fileName).containsEntry(TextReader.CHARSET_METADATA, "UTF-8"));

        SimpleVectorStoreContent probe = stored.get(stored.size() / 2);
        Document found = store.similaritySearch(SearchRequest.builder().query(probe.getText()).topK(1).build()).get(0);
        assertThat(found.getText()).isEqualTo(probe.getText());
        assertThat(found.getMetadata()).containsKeys(MetadataKeys.START, MetadataKeys.BYTE_END, MetadataKeys.CHUNK_INDEX);
        return stored.size();
    }

    /** Spring AI's in-memory store, with its map of stored documents opened to the test. */
    private static final class InspectableStore extends SimpleVectorStore {
        InspectableStore() {
            super(SimpleVectorStore.builder(new LexicalEmbeddingModel()));
        }

        /** The stored documents, in chunk index order. */
        List<SimpleVectorStoreContent> contents() {
            List<SimpleVectorStoreContent> contents = new ArrayList<>(store.values());
            contents.sort(Comparator.comparing(c -> (Integer) c.getMetadata().get(MetadataKeys.CHUNK_INDEX)));
            return contents;
        }
    }
}
