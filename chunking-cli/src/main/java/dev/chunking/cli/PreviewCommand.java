package dev.chunking.cli;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.operation.Preview;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * {@code chunk preview}: the first {@code --chunks} chunks of a file, read from at most its
 * first {@code --bytes} bytes ({@link Preview}), written in {@code --format} exactly as a full
 * run writes them, then one summary line on stderr. Not thread-safe.
 */
final class PreviewCommand {
    private final OutputStream stdout;
    private final PrintStream stderr;
    private final LongSupplier nanoClock;

    /**
     * Creates the command.
     *
     * @param stdout where the chunks go
     * @param stderr where the summary line goes
     * @param nanoClock monotonic nanoseconds, for the time in {@code --format stats}
     */
    PreviewCommand(OutputStream stdout, PrintStream stderr, LongSupplier nanoClock) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.nanoClock = nanoClock;
    }

    /**
     * Previews the one file of the arguments.
     *
     * @param chunking the strategy and options, built as for a full run
     * @param arguments the parsed command line of {@code chunk preview}
     * @throws IOException if reading or writing fails
     * @throws UsageException if the file cannot be read or is not UTF-8
     */
    void run(Chunking chunking, Arguments arguments) throws IOException {
        String file = arguments.files().get(0);
        ByteSource source = Main.fileSource(arguments, file);
        Main.checkDocumentId(file);
        InputErrors.checkText(file, source, chunking.options().malformedInput());
        long started = nanoClock.getAsLong();
        Preview.Result result = InputErrors.reading(file,
                () -> Preview.of(chunking, DocumentId.of(file), source, arguments.chunks(), arguments.bytes()));
        double seconds = (nanoClock.getAsLong() - started) / 1e9;
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        ChunkWriter writer = new ChunkWriter(arguments.format(), out);
        ChunkStats stats = new ChunkStats(arguments.options().unit().label());
        for (Chunk chunk : result.chunks()) {
            stats.add(chunk);
            writer.write(chunk);
        }
        stats.bytes(result.bytesRead());
        writer.summary(file, stats, seconds);
        out.flush();
        stderr.println(summary(result, source.size().orElse(-1)));
    }

    /**
     * The line on stderr: how many chunks, from how much of the file.
     *
     * @param result the preview
     * @param size the file's size, or -1 when it is not a regular file
     * @return e.g. {@code preview: 10 chunks from the first 65536 of 1048576 bytes}
     */
    static String summary(Preview.Result result, long size) {
        int n = result.chunks().size();
        String chunks = "preview: " + n + (n == 1 ? " chunk" : " chunks");
        if (result.wholeDocument() || result.bytesRead() == size) { // read to the end, whether or not it finished
            return chunks + " from the whole document (" + result.bytesRead() + " bytes)";
        }
        return chunks + " from the first " + result.bytesRead() + (size >= 0 ? " of " + size : "") + " bytes";
    }
}
