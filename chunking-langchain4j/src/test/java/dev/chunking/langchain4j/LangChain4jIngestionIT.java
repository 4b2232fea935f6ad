package dev.chunking.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.testing.RealDocuments;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * LangChain4j's own ingestion path, {@code EmbeddingStoreIngestor} into its {@code InMemoryEmbeddingStore},
 * with the splitter of every strategy on the 17 real documents of core's test resources: every
 * segment read back from the store is the exact slice of its document at the code-point (and byte)
 * offsets in its metadata, and each document's segments are all there, indexed from 0.
 */
class LangChain4jIngestionIT {
    private static final List<String> STRATEGIES = RealDocuments.STRATEGIES;
    private static final LexicalEmbeddingModel MODEL = new LexicalEmbeddingModel();

    private static Map<String, String> sources() {
        Map<String, String> sources = new HashMap<>();
        for (String name : RealDocuments.NAMES) {
            sources.put(name, new String(RealDocuments.read(name), StandardCharsets.UTF_8));
        }
        return sources;
    }

    private static List<Document> documents(Map<String, String> sources) {
        List<Document> documents = new ArrayList<>();
        for (String name : RealDocuments.NAMES) {
            documents.add(Document.from(sources.get(name), Metadata.from(Document.FILE_NAME, name)));
        }
        return documents;
    }

    /** Everything the store holds: every entry scores at least 0 against any query. */
    private static List<EmbeddingMatch<TextSegment>> everything(InMemoryEmbeddingStore<TextSegment> store, String query) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(MODEL.embed(query).content())
                .maxResults(Integer.MAX_VALUE).minScore(0.0).build()).matches();
    }

    @ParameterizedTest
    @FieldSource("STRATEGIES")
    void everyStoredSegmentIsTheSliceOfItsDocumentAtTheOffsetsInItsMetadata(String strategy) {
        ChunkingDocumentSplitter splitter = ChunkingDocumentSplitter.builder().strategy(strategy).maxSize(600).overlap(strategy
                .equals("hierarchical") ? 0 : 120).build();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
                .documentSplitter(splitter).embeddingModel(MODEL).embeddingStore(store).build();
        Map<String, String> sources = sources();

        List<Document> documents = documents(sources);
        int expected = documents.stream().mapToInt(d -> splitter.split(d).size()).sum();

        ingestor.ingest(documents);

        List<EmbeddingMatch<TextSegment>> stored = everything(store, "chunking");
        assertThat(stored).hasSize(expected).hasSizeGreaterThan(RealDocuments.NAMES.size());
        Map<String, TreeSet<Integer>> indexes = new HashMap<>();
        Map<String, Slices> slices = new HashMap<>();
        for (EmbeddingMatch<TextSegment> match : stored) {
            TextSegment segment = match.embedded();
            String name = segment.metadata().getString(Document.FILE_NAME);
            slices.computeIfAbsent(name, n -> new Slices(sources.get(n))).assertExact(segment);
            assertThat(segment.metadata().getString(SegmentMetadata.STRATEGY)).isEqualTo(strategy);
            assertThat(match.embedding()).as("the stored vector is the model's for the segment's text")
                    .isEqualTo(MODEL.embed(segment.text()).content());
            assertThat(indexes.computeIfAbsent(name, n -> new TreeSet<>())
                    .add(Integer.parseInt(segment.metadata().getString(SegmentMetadata.INDEX))))
                    .as("index %s of %s is stored once", segment.metadata().getString(SegmentMetadata.INDEX), name).isTrue();
        }
        assertThat(indexes).as("every document was ingested").containsOnlyKeys(RealDocuments.NAMES);
        indexes.forEach((name, seen) -> assertThat(seen.last()).as("%s is indexed 0..n-1", name).isEqualTo(seen.size() - 1));
    }

    @Test
    void aQueryFindsTheSegmentThatHoldsItsWordsWithItsPlaceInTheSource() {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor.builder().documentSplitter(ChunkingDocumentSplitter.builder().strategy("markdown").maxSize(800).build())
                .embeddingModel(MODEL).embeddingStore(store).build().ingest(documents(sources()));
        Embedding query = MODEL.embed("readline createInterface question answer rl.close").content();

        EmbeddingMatch<TextSegment> best = store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(1).build())
                .matches().get(0);

        assertThat(best.embedded().metadata().getString(Document.FILE_NAME)).isEqualTo("markdown/nodejs-readline.md");
        assertThat(SegmentMetadata.headings(best.embedded().metadata())).isNotEmpty().first().isEqualTo("Readline");
        assertThat(best.embedded().text()).contains("createInterface");
    }
}
