package dev.chunking.cli;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.PostgresChunkStore;
import dev.chunking.postgres.PostgresChunkWriter;
import dev.chunking.postgres.PostgresStoreOptions;
import dev.chunking.spi.ChunkSink;
import dev.chunking.streaming.StreamResult;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code chunk --store URL --collection ID FILE...}: stores each file's chunks in PostgreSQL
 * through a {@link PostgresChunkWriter} of the collection, and prints one line per file on
 * standard output: the file, its chunks, its bytes and the seconds it took. Each document is
 * completed at the end of its run, so readers see its whole new chunk set at once, or still the
 * previous one.
 *
 * <p>With {@code --checkpoint} the store is also the run's checkpoint store, through the run loop
 * of {@code --checkpoint FILE}: each checkpoint is committed in the transaction that writes the
 * chunks it covers, so a run killed at any moment and started again resumes where the database
 * says, and stores every chunk once. The checkpoint is deleted once the document is complete. Not
 * thread-safe.
 */
final class StoreCommand {
    private final Main main;
    private final StandardOutput stdout;
    private final LongSupplier nanoClock;

    StoreCommand(Main main, StandardOutput stdout, LongSupplier nanoClock) {
        this.main = main;
        this.stdout = stdout;
        this.nanoClock = nanoClock;
    }

    void run(Chunking chunking, Arguments arguments, StoreArguments store) throws IOException {
        if (store.checkpoint()) {
            if (arguments.files().contains("-")) {
                throw new UsageException("--checkpoint cannot resume standard input (-), which cannot be read again; save it to"
                        + " a file and name the file");
            }
            if (!chunking.strategy().resumable()) {
                throw new UsageException("strategy '" + chunking.strategy().name() + "' cannot resume from a checkpoint;"
                        + " run it without --checkpoint");
            }
        }
        CollectionId collection = store.collection();
        OperationOptions options = OperationOptions.builder().checkpointEveryChunks(store.checkpointEvery()).build();
        try (PostgresChunkStore database = open(store.url(), PostgresStoreOptions.defaults())) {
            PostgresChunkWriter writer = database.writer(collection);
            for (String file : arguments.files()) {
                DocumentId document = Main.documentId(file);
                ChunkStats stats = new ChunkStats(arguments.options().unit().label());
                long started = nanoClock.getAsLong();
                StreamResult result;
                if (store.checkpoint()) {
                    // a run killed after completing its document, before deleting its checkpoint: the document is stored
                    if (database.load(collection, document).filter(StoreCommand::completed).isPresent()) {
                        database.delete(collection, document);
                    }
                    // its last checkpoint, marked completed, completes the document
                    result = main.runOne(chunking, arguments, file, new Main.RunTarget(collection, new CountingSink(writer, stats),
                            database, null, options));
                } else {
                    database.delete(collection, document); // a checkpoint left by an earlier run no longer describes it
                    result = main.runOne(chunking, arguments, file, new Main.RunTarget(collection, new CountingSink(writer, stats),
                            null, null, options));
                    writer.complete(document);
                }
                if (store.checkpoint()) {
                    database.delete(collection, document);
                }
                long chunks = result.resumedFrom() > 0 ? database.count(collection, document) : stats.chunks();
                double seconds = (nanoClock.getAsLong() - started) / 1e9;
                stdout.write(String.format(Locale.ROOT, "%s\tchunks %d\tbytes %d\t%.3f s%s%n", file.replaceAll("\\p{Cntrl}", "?"),
                        chunks, result.bytes(), seconds, result.resumedFrom() > 0 ? "\tresumed at byte " + result.resumedFrom()
                                : "").getBytes(StandardCharsets.UTF_8));
                stdout.flush();
            }
        }
    }

    /**
     * The writer as the run's sink, counting the chunks for the summary line. It passes
     * {@link ChunkSink#commit} on: that is where the writer stores the chunks with their checkpoint.
     */
    private record CountingSink(PostgresChunkWriter writer, ChunkStats stats) implements ChunkSink {
        @Override
        public void accept(Chunk chunk) {
            writer.accept(chunk);
            stats.add(chunk);
        }

        @Override
        public void commit(Checkpoint checkpoint) {
            writer.commit(checkpoint);
        }
    }

    private static boolean completed(Checkpoint checkpoint) {
        return "true".equals(checkpoint.attributes().get(Checkpoint.COMPLETED_ATTRIBUTE));
    }

    /**
     * Opens the store, turning a failure to reach it into one line: the server's message, the URL
     * without its query (which may hold a password), and what to check.
     *
     * @param url the JDBC URL
     * @param options the store options
     * @return the store
     * @throws StoreUnreachableException if the database cannot be reached or used
     */
    static PostgresChunkStore open(String url, PostgresStoreOptions options) {
        try {
            return PostgresChunkStore.open(url, options);
        } catch (ChunkingException e) {
            throw new StoreUnreachableException(String.valueOf(e.getMessage()).replaceAll("\\R", " "), e);
        }
    }

    /** The database of {@code --store} cannot be reached or used; the CLI exits with status 1. */
    static final class StoreUnreachableException extends ChunkingException {
        private static final long serialVersionUID = 1L;

        StoreUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
