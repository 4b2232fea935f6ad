package dev.chunking.strategy.internal;

import dev.chunking.domain.ChunkMetadata;
import java.util.Map;
import java.util.TreeMap;

/**
 * Structure first, then meaning: every heading starts a new chunk (a Markdown section, with
 * small sections merged into the next within the same parent heading), and where a section is
 * too large for one chunk the cut goes, in this order of preference, at a meaning shift found
 * by {@link SemanticStructure} (when an embedder is configured), between blocks, then at a line
 * break, a sentence end or whitespace. Each chunk records the sub-strategy that made it in the attribute
 * {@code subStrategy}: {@code markdown} for whole sections, {@code semantic} for a chunk that
 * ends at a meaning shift, {@code recursive} otherwise. Not thread-safe.
 */
final class HybridStructure extends Structure {
    private final MarkdownStructure markdown;
    private final SemanticStructure semantic; // null without an embedder

    HybridStructure(MarkdownStructure markdown, SemanticStructure semantic) {
        this.markdown = markdown;
        this.semantic = semantic;
    }

    @Override
    void observe(Utf8Window window, long from, long to) {
        markdown.observe(window, from, to);
        if (semantic != null) {
            semantic.observe(window, from, to);
        }
    }

    @Override
    void endOfInput(Utf8Window window) {
        markdown.endOfInput(window);
        if (semantic != null) {
            semantic.endOfInput(window);
        }
    }

    @Override
    long decidedUpTo() {
        return semantic == null ? markdown.decidedUpTo() : Math.min(markdown.decidedUpTo(), semantic.decidedUpTo());
    }

    @Override
    long forcedCut(long after, long upTo) {
        return markdown.forcedCut(after, upTo);
    }

    @Override
    boolean mergeable(long start, long cut) {
        return markdown.mergeable(start, cut);
    }

    @Override
    long latest(long after, long upTo) {
        long best = markdown.marks().latestHeading(after, upTo); // a heading passed over while merging small sections
        if (best < 0 && semantic != null) {
            best = semantic.latestBreak(after, upTo);
        }
        return best >= 0 ? best : markdown.marks().latestBlock(after, upTo);
    }

    @Override
    ChunkMetadata metadata(Utf8Window window, long start, long end) {
        ChunkMetadata m = markdown.metadata(window, start, end);
        String by;
        if (markdown.marks().isSectionStart(start) && (markdown.marks().isSectionStart(end) || markdown.isEnd(end))) {
            by = "markdown";
        } else if (semantic != null && semantic.isBreak(end)) {
            by = "semantic";
        } else {
            by = "recursive";
        }
        Map<String, String> attributes = new TreeMap<>(m.attributes());
        attributes.put("subStrategy", by);
        return new ChunkMetadata(m.headings(), m.level(), m.id(), m.parent(), attributes);
    }

    @Override
    void dropBefore(long offset) {
        markdown.dropBefore(offset);
        if (semantic != null) {
            semantic.dropBefore(offset);
        }
    }

    @Override
    void save(StateWriter out) {
        markdown.save(out);
        if (semantic != null) {
            semantic.save(out);
        }
    }

    @Override
    void restore(StateReader in, Utf8Window window) {
        markdown.restore(in, window);
        if (semantic != null) {
            semantic.restore(in, window);
        }
    }
}
