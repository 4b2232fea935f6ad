package dev.chunking.redis.checkpoint;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.redis.RedisSettings;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.DocumentSource;
import dev.chunking.streaming.operation.ChunkingOperations;
import dev.chunking.streaming.operation.OperationOptions;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.streaming.operation.OperationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The checkpointed run of {@link ResumeOnAnotherMachineIT}: one multilingual document of a few
 * hundred chunks through the real run loop ({@link ChunkingOperations}), a checkpoint every 5
 * chunks in a {@link RedisCheckpointStore}, the chunks into a directory with one file per chunk
 * index (so a resumed run that delivers a chunk again replaces it). Its {@link #main} runs it in a
 * "machine" of its own, a child JVM, that prints {@code SAVED <nextIndex>} after each checkpoint
 * and {@code DONE <resumedFrom> <chunks>} at the end.
 */
final class CheckpointedRun {
    static final CollectionId COLLECTION = CollectionId.of("manuals");
    static final DocumentId DOCUMENT = DocumentId.of("resume/\u6587\u6863-\u00e9t\u00e9.md");
    static final Chunking CHUNKING = Chunking.of("recursive", ChunkingOptions.builder().maxSize(60).overlap(12).build());
    static final byte[] TEXT = text().getBytes(StandardCharsets.UTF_8);

    private CheckpointedRun() {
    }

    /**
     * Runs or resumes the document.
     *
     * @param args the Redis URI, the key prefix, the sink directory, the milliseconds the sink takes per chunk
     * @throws IOException if the run failed
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        RedisSettings settings = RedisSettings.builder(args[0]).keyPrefix(args[1]).build();
        Path directory = Path.of(args[2]);
        long delay = Long.parseLong(args[3]);
        try (RedisCheckpointStore redis = RedisCheckpointStore.open(settings)) {
            CheckpointStore reporting = new CheckpointStore() {
                @Override
                public Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
                    return redis.load(collection, document);
                }

                @Override
                public void save(Checkpoint checkpoint) {
                    redis.save(checkpoint);
                    out.println("SAVED " + checkpoint.position().nextIndex());
                }

                @Override
                public void delete(CollectionId collection, DocumentId document) {
                    redis.delete(collection, document);
                }
            };
            OperationResult result = run(reporting, chunk -> {
                write(directory, chunk);
                pause(delay);
            });
            result.throwFailure();
            out.println("DONE " + result.resumedFrom() + " " + result.chunks());
        }
    }

    /** Runs (or resumes from {@code store}, when not null) the document into a sink. */
    static OperationResult run(CheckpointStore store, ChunkSink sink) {
        try (ChunkingOperations operations = ChunkingOperations.builder().executor(Runnable::run).maxConcurrent(1).build()) {
            OperationRequest.Builder request = OperationRequest.builder(COLLECTION, DOCUMENT, CHUNKING,
                            DocumentSource.ofBytes("resume.md", TEXT), sink)
                    .options(OperationOptions.builder().bufferSize(512).checkpointEveryChunks(5).build());
            if (store != null) {
                request.checkpoints(store);
            }
            return operations.run(request.build());
        }
    }

    /** A chunk as one comparable line of text: index, offsets, size and content. */
    static String line(Chunk c) {
        return c.index() + "|" + c.start() + "|" + c.end() + "|" + c.byteStart() + "|" + c.byteEnd() + "|" + c.size() + "|" + c.text();
    }

    /** The chunks in a sink directory, by index. */
    static List<String> read(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".chunk"))
                    .sorted((a, b) -> Long.compare(index(a), index(b))).toList()) {
                lines.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static long index(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".chunk".length()));
    }

    /** Writes a chunk to its index's file, replacing it whole (written aside, then moved over it). */
    private static void write(Path directory, Chunk chunk) {
        try {
            Path aside = Files.writeString(directory.resolve(chunk.index() + ".tmp"), line(chunk), StandardCharsets.UTF_8);
            Files.move(aside, directory.resolve(chunk.index() + ".chunk"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Paragraphs of sentences in several scripts, the same every time. */
    private static String text() {
        String[] words = {"chunks", "checkpoint", "resume", "machine", "\u00e9t\u00e9", "fen\u00eatre", "Stra\u00dfe",
            "\u6587\u6863", "\u5206\u5757", "\u0434\u043e\u043a\u0443\u043c\u0435\u043d\u0442", "\u03ba\u03b5\u03af\u03bc\u03b5\u03bd\u03bf",
            "\u0645\u0633\u062a\u0646\u062f", "\ud83d\ude80", "Redis", "expires"};
        Random random = new Random(16);
        StringBuilder text = new StringBuilder();
        for (int paragraph = 0; paragraph < 40; paragraph++) {
            for (int sentence = 0; sentence < 3 + random.nextInt(3); sentence++) {
                int count = 5 + random.nextInt(10);
                for (int w = 0; w < count; w++) {
                    text.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
                }
                text.append(". ");
            }
            text.append("\n\n");
        }
        return text.toString();
    }
}
