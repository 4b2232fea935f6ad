package dev.chunking.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.spi.data.document.splitter.DocumentSplitterFactory;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Registration with LangChain4j's service loader is the host's choice: the main classes register no
 * {@code DocumentSplitterFactory}, and once a host does (as this module's test resources do, in
 * {@code META-INF/services}), LangChain4j finds the factory and an ingestor built without a
 * splitter splits with it.
 */
class FactoryRegistrationTest {
    private static final String SERVICE = "META-INF/services/" + DocumentSplitterFactory.class.getName();

    @Test
    void theMainClassesRegisterNoDocumentSplitterFactory() throws IOException, URISyntaxException {
        Path main = Path.of(ChunkingDocumentSplitter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(main)) {
            assertThat(main.resolve(SERVICE)).as("a service file among the main classes in %s", main).doesNotExist();
            assertThat(main.resolve("META-INF/services")).doesNotExist();
        } else {
            try (JarFile jar = new JarFile(main.toFile())) {
                assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("META-INF/services/")))
                        .as("service files in %s", main).isEmpty();
            }
        }
        List<URL> registrations = Collections.list(getClass().getClassLoader().getResources(SERVICE));
        assertThat(registrations).as("the only registration is the test resources' one").singleElement()
                .satisfies(url -> assertThat(url.toString()).contains("test-classes"));
    }

    @Test
    void onceRegisteredTheFactoryIsTheOneLangChain4jFinds() {
        List<DocumentSplitterFactory> factories = new ArrayList<>();
        ServiceLoader.load(DocumentSplitterFactory.class).forEach(factories::add);

        assertThat(factories).singleElement().isInstanceOf(ChunkingDocumentSplitterFactory.class);
        assertThat(factories.get(0).create()).isSameAs(ChunkingDocumentSplitter.defaults());
    }

    @Test
    void anIngestorBuiltWithoutASplitterSplitsWithTheRegisteredFactory() {
        LexicalEmbeddingModel model = new LexicalEmbeddingModel();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        String text = "Chunking splits long documents into pieces. ".repeat(60);

        EmbeddingStoreIngestor.builder().embeddingModel(model).embeddingStore(store).build().ingest(Document.from(text));

        List<EmbeddingMatch<TextSegment>> stored = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed("chunking").content()).maxResults(100).minScore(0.0).build()).matches();
        assertThat(stored).hasSize(ChunkingDocumentSplitter.defaults().split(Document.from(text)).size()).hasSizeGreaterThan(1);
        Slices slices = new Slices(text);
        for (EmbeddingMatch<TextSegment> match : stored) {
            assertThat(match.embedded().metadata().getString(SegmentMetadata.STRATEGY)).isEqualTo("recursive");
            slices.assertExact(match.embedded());
        }
    }
}
