package dev.chunking.cli;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.streaming.FileCheckpointStore;
import dev.chunking.streaming.StreamingChunker;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code chunk --checkpoint FILE --out OUT INPUT}: the output is written as chunks are made and
 * made durable before every checkpoint, which records its length. A resumed run cuts the output
 * back to that length and continues it, so a run killed at any moment and resumed produces the
 * same output as an uninterrupted one. The checkpoint is deleted on success. Not thread-safe.
 */
final class CheckpointedRun {
    static final String OUTPUT_BYTES = "output.bytes";
    static final String OUTPUT_FORMAT = "output.format";
    static final String OUTPUT_PATH = "output.path";
    static final String OUTPUT_TAIL = "output.tailSha256";
    private static final int TAIL = 64 * 1024;

    private final Main main;
    private final Chunking chunking;
    private final Arguments arguments;
    private final StrategyParameters parameterOptions;

    CheckpointedRun(Main main, Chunking chunking, Arguments arguments, StrategyParameters parameterOptions) {
        this.main = main;
        this.chunking = chunking;
        this.arguments = arguments;
        this.parameterOptions = parameterOptions;
    }

    void run() throws IOException {
        String file = arguments.files().get(0);
        FileCheckpointStore store = new FileCheckpointStore(Path.of(arguments.checkpoint().get()));
        DocumentId document = DocumentId.of(file);
        Optional<Checkpoint> previous = store.load(StreamingChunker.DEFAULT_COLLECTION, document);
        Path target = Path.of(arguments.out().get()).toAbsolutePath().normalize();
        String format = arguments.format().name().toLowerCase(Locale.ROOT);
        Map<String, String> before = previous.map(Checkpoint::attributes).orElse(Map.of());
        require(before, OUTPUT_FORMAT, format, "--format", store);
        require(before, OUTPUT_PATH, target.toString(), "--out", store);
        previous.ifPresent(checkpoint -> requireParameters(checkpoint, store));
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new UsageException("another chunk run is writing " + target + "; wait for it to end or use another --out");
            }
            long keep = Long.parseLong(before.getOrDefault(OUTPUT_BYTES, "0"));
            if (channel.size() < keep || (before.containsKey(OUTPUT_TAIL) && !before.get(OUTPUT_TAIL).equals(tailHash(channel, keep)))) {
                throw new CheckpointMismatchException("--out " + target + " no longer holds the " + keep + " bytes the checkpoint "
                        + store.file() + " recorded; delete the checkpoint to start over");
            }
            channel.truncate(keep); // drop what was written after the last checkpoint
            channel.position(keep);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            ChunkWriter writer = new ChunkWriter(arguments.format(), out);
            ChunkStats stats = new ChunkStats(arguments.options().unit().label());
            main.runOne(chunking, arguments, file, writer, stats, store, () -> {
                try {
                    out.flush();
                    channel.force(false);
                    long length = channel.position();
                    return Map.of(OUTPUT_BYTES, String.valueOf(length), OUTPUT_FORMAT, format, OUTPUT_PATH, target.toString(),
                            OUTPUT_TAIL, tailHash(channel, length));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
            channel.force(true);
        }
        store.delete(StreamingChunker.DEFAULT_COLLECTION, document);
    }

    private static void require(Map<String, String> before, String key, String now, String option, FileCheckpointStore store) {
        String then = before.getOrDefault(key, now);
        if (!then.equals(now)) {
            throw new CheckpointMismatchException("the checkpoint " + store.file() + " was taken with " + option + " " + then
                    + ", this run has " + now + "; use " + option + " " + then + " or delete the checkpoint to start over");
        }
    }

    /**
     * Refuses a resumed run whose strategy parameters differ, naming them as options to type. The
     * streaming runner refuses it too, but words it as two whole option records; another strategy
     * is left to the runner, whose message names the strategies.
     */
    private void requireParameters(Checkpoint checkpoint, FileCheckpointStore store) {
        Map<String, String> then = checkpoint.options().parameters();
        Map<String, String> now = chunking.options().parameters();
        if (checkpoint.strategy().equals(chunking.strategy().name()) && !then.equals(now)) {
            throw new CheckpointMismatchException("the checkpoint " + store.file() + " was taken with "
                    + parameterOptions.commandLine(then) + ", this run has " + parameterOptions.commandLine(now)
                    + "; give the checkpoint's parameter options or delete the checkpoint to start over");
        }
    }

    /** SHA-256 of the last 64 KiB before {@code length}, so a resumed run knows the output is still its own. */
    private static String tailHash(FileChannel channel, long length) throws IOException {
        int size = (int) Math.min(TAIL, length);
        return SourceFingerprint.sha256(channel, length - size, size);
    }
}
