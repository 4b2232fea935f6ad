package dev.chunking.benchmarks.retrieval;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.DocumentId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One of the library's strategies as a {@link Splitter}: every chunk is a unit, at the chunk's own
 * code-point offsets. For {@code hierarchical} ({@link #smallToBig}) only the finest level is
 * embedded and each unit returns its top-level ancestor (small-to-big retrieval, found through the
 * chunks' parent ids); the harness sets the top level to the size of the row. Thread-safe
 * ({@link Chunking} is).
 */
public final class LibrarySplitter implements Splitter {
    private final String name;
    private final Chunking chunking;
    private final boolean smallToBig;

    private LibrarySplitter(String name, Chunking chunking, boolean smallToBig) {
        this.name = Objects.requireNonNull(name, "name");
        this.chunking = Objects.requireNonNull(chunking, "chunking");
        this.smallToBig = smallToBig;
    }

    /**
     * Wraps a configured strategy whose chunks are both embedded and returned.
     *
     * @param name the row name
     * @param chunking the strategy and its options
     * @return the splitter
     */
    public static LibrarySplitter chunks(String name, Chunking chunking) {
        return new LibrarySplitter(name, chunking, false);
    }

    /**
     * Wraps a multi-level strategy: the finest level's chunks are embedded, their top-level
     * ancestors returned.
     *
     * @param name the row name
     * @param chunking a strategy whose chunks carry level, id and parent id ({@code hierarchical})
     * @return the splitter
     */
    public static LibrarySplitter smallToBig(String name, Chunking chunking) {
        return new LibrarySplitter(name, chunking, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<RetrievalUnit> split(SourceText document) {
        List<Chunk> chunks = chunking.chunk(DocumentId.of(document.name()), document.text());
        if (!smallToBig) {
            List<RetrievalUnit> units = new ArrayList<>(chunks.size());
            for (Chunk c : chunks) {
                units.add(RetrievalUnit.of(document.name(), span(c)));
            }
            return units;
        }
        int finest = 0;
        Map<String, Chunk> byId = new HashMap<>();
        for (Chunk c : chunks) {
            finest = Math.max(finest, c.metadata().level());
            c.metadata().id().ifPresent(id -> byId.put(id, c));
        }
        List<RetrievalUnit> units = new ArrayList<>();
        for (Chunk c : chunks) {
            if (c.metadata().level() != finest) {
                continue;
            }
            Chunk top = c;
            while (top.metadata().parent().isPresent()) {
                String parent = top.metadata().parent().get();
                top = Objects.requireNonNull(byId.get(parent), () -> "no chunk with the parent id " + parent);
            }
            units.add(new RetrievalUnit(document.name(), span(c), span(top)));
        }
        return units;
    }

    private static Span span(Chunk c) {
        return new Span(Math.toIntExact(c.start()), Math.toIntExact(c.end()));
    }
}
