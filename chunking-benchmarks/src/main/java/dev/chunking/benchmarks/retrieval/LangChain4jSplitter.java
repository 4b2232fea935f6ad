package dev.chunking.benchmarks.retrieval;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * LangChain4j's splitter (the harness passes {@code DocumentSplitters.recursive}, LangChain4j's
 * default: paragraphs, then lines, sentences, words, characters) as a {@link Splitter}. Its
 * segments carry no offsets and may differ from the source in whitespace, so
 * {@link SegmentAligner} places them. Thread-safe as far as LangChain4j's splitter is (its
 * recursive splitter keeps no state between calls).
 */
public final class LangChain4jSplitter implements Splitter {
    private final String name;
    private final DocumentSplitter splitter;
    private final int maxOverlap;

    /**
     * Wraps a LangChain4j splitter.
     *
     * @param name the row name
     * @param splitter the configured splitter
     * @param maxOverlap the most characters a segment may repeat of the one before (a generous
     *     bound; see {@link SegmentAligner})
     */
    public LangChain4jSplitter(String name, DocumentSplitter splitter, int maxOverlap) {
        this.name = Objects.requireNonNull(name, "name");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.maxOverlap = maxOverlap;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<RetrievalUnit> split(SourceText document) {
        List<String> texts = new ArrayList<>();
        for (TextSegment segment : splitter.split(Document.from(document.text()))) {
            texts.add(segment.text());
        }
        List<RetrievalUnit> units = new ArrayList<>(texts.size());
        for (Span span : SegmentAligner.align(document, texts, maxOverlap)) {
            units.add(RetrievalUnit.of(document.name(), span));
        }
        return units;
    }
}
