package dev.chunking.application;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.PluginFailureException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks the chunks of a strategy that is not built in before they go downstream, so that a
 * plugin's bug fails the run with a {@link PluginFailureException} naming the plugin and the
 * broken promise instead of passing wrong chunks on: indexes contiguous from the resume point's
 * next index (0 for a new document), the right document, offsets in order ({@code start <= end},
 * {@code byteStart <= byteEnd}, starts never going back) and within the input fed so far, the
 * size within the maximum, and no replacement under {@link MalformedInputPolicy#REPORT}. That the
 * text is as long as its offsets say (its code point count is {@code end - start}, its UTF-8
 * length {@code byteEnd - byteStart} unless malformed input was replaced) {@link Chunk}'s
 * constructor checks already, so no chunk that breaks it can reach here. Each check is
 * a comparison of numbers the chunk already holds, plus counting the UTF-8 length of char feeds.
 * The built-in strategies (package {@code dev.chunking.strategy} of this library) are exempt:
 * their promises are checked by property tests, and they run unwrapped for speed. Not
 * thread-safe, like every chunker.
 */
final class CheckedChunker extends StoppableChunker {
    private static final String BUILT_IN_PACKAGE = "dev.chunking.strategy";

    private final String plugin;
    private final DocumentId document;
    private final ChunkingOptions options;
    private final ChunkSink sink;
    private final long firstByte;
    private final long firstCodePoint;
    private final long firstIndex;
    private long fed; // byte offset of the end of the input fed so far
    private long nextIndex;
    private long lastStart;
    private long lastByteStart;

    private CheckedChunker(ChunkingStrategy strategy, DocumentId document, ChunkingOptions options, ChunkSink sink,
                           ResumePoint from) {
        super("stopped when its plugin broke a promise", "open a new chunker");
        this.plugin = "strategy '" + strategy.name() + "' (" + strategy.getClass().getName() + ")";
        this.document = document;
        this.options = options;
        this.sink = sink;
        this.firstByte = from.byteOffset();
        this.firstCodePoint = from.codePointOffset();
        this.fed = from.byteOffset();
        this.firstIndex = from.nextIndex();
        this.nextIndex = from.nextIndex();
        this.lastStart = from.codePointOffset();
        this.lastByteStart = from.byteOffset();
    }

    /**
     * Returns whether a strategy is one of this library's own, whose chunks are not checked.
     *
     * @param strategy the strategy
     * @return true for the built-in strategies
     */
    static boolean builtIn(ChunkingStrategy strategy) {
        Class<?> type = strategy.getClass();
        return type.getPackageName().equals(BUILT_IN_PACKAGE) && type.getModule() == CheckedChunker.class.getModule()
                && type.getClassLoader() == CheckedChunker.class.getClassLoader();
    }

    /**
     * Opens a strategy's chunker, behind the checks when the strategy is not built in.
     *
     * @param strategy the strategy, to tell built-in from plugin and to name it
     * @param document the document the chunks must name
     * @param options the options the chunks must keep
     * @param sink the real sink
     * @param from where the input fed starts and the indexes continue from
     * @param opener opens the strategy's chunker on the sink it is given
     * @return the chunker
     */
    static Chunker open(ChunkingStrategy strategy, DocumentId document, ChunkingOptions options, ChunkSink sink,
                        ResumePoint from, Function<ChunkSink, Chunker> opener) {
        if (builtIn(strategy)) {
            return opener.apply(sink);
        }
        CheckedChunker checked = new CheckedChunker(strategy, document, options, sink, from);
        checked.wrap(opener.apply(checked::deliver));
        return checked;
    }

    /** Counts the input fed, so a chunk's end can be checked against it. */
    @Override
    void admit(long bytes) {
        fed += bytes;
    }

    private void deliver(Chunk c) {
        checkUsable();
        if (c == null) {
            fail("handed the sink a null chunk instead of chunk " + nextIndex);
        }
        if (c.index() != nextIndex) {
            fail("chunk index " + c.index() + " where " + nextIndex + " was due; indexes run from "
                    + (firstIndex == 0 ? "0" : "the resume point's next index") + " without gaps or repeats");
        }
        if (!c.document().equals(document)) {
            fail("chunk " + c.index() + " names document '" + c.document().value() + "', not '" + document.value() + "'");
        }
        if (c.start() > c.end() || c.byteStart() > c.byteEnd()) {
            fail("chunk " + c.index() + " ends before it starts (code points [" + c.start() + ", " + c.end() + "), bytes ["
                    + c.byteStart() + ", " + c.byteEnd() + "))");
        }
        if (c.byteEnd() > fed || c.end() > fed - firstByte + firstCodePoint) {
            fail("chunk " + c.index() + " ends at byte " + c.byteEnd() + ", code point " + c.end() + ", past the input fed so far ("
                    + fed + " bytes, so at most " + (fed - firstByte + firstCodePoint) + " code points)");
        }
        if (c.start() < lastStart || c.byteStart() < lastByteStart) {
            fail("chunk " + c.index() + " starts at code point " + c.start() + ", byte " + c.byteStart()
                    + ", before the previous start (code point " + lastStart + ", byte " + lastByteStart + "); chunks come in order");
        }
        if (c.size() > options.maxSize()) {
            fail("chunk " + c.index() + " has size " + c.size() + " " + c.unit().name().toLowerCase(Locale.ROOT)
                    + ", more than the max size " + options.maxSize() + " (ChunkingOptions.maxSize, --size)");
        }
        if (c.replacements() > 0 && options.malformedInput() == MalformedInputPolicy.REPORT) {
            fail("chunk " + c.index() + " counts " + c.replacements() + " replaced malformed sequences under the REPORT policy,"
                    + " which reports malformed input with a MalformedInputException instead");
        }
        lastStart = c.start();
        lastByteStart = c.byteStart();
        sink.accept(c);
        nextIndex++;
    }

    private void fail(String promise) {
        String broken = plugin + " broke its promise: " + promise + ". The chunk was not passed on; fix the plugin or report it"
                + " to its authors";
        stop(broken);
        throw new PluginFailureException(broken);
    }
}
