package dev.chunking.cli;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.FileCheckpointStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    private final Main main;
    private final Chunking chunking;
    private final Arguments arguments;

    CheckpointedRun(Main main, Chunking chunking, Arguments arguments) {
        this.main = main;
        this.chunking = chunking;
        this.arguments = arguments;
    }

    void run() throws IOException {
        String file = arguments.files().get(0);
        FileCheckpointStore store = new FileCheckpointStore(Path.of(arguments.checkpoint().get()));
        DocumentId document = DocumentId.of(file);
        Optional<Checkpoint> previous = store.load(document);
        Path target = Path.of(arguments.out().get());
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            String format = arguments.format().name().toLowerCase(java.util.Locale.ROOT);
            String before = previous.map(c -> c.attributes().getOrDefault(OUTPUT_FORMAT, format)).orElse(format);
            if (!before.equals(format)) {
                throw new CheckpointMismatchException("the checkpoint " + store.file() + " was taken writing --format " + before
                        + ", this run writes " + format + "; use --format " + before + " or delete the checkpoint to start over");
            }
            long keep = previous.map(c -> Long.parseLong(c.attributes().getOrDefault(OUTPUT_BYTES, "0"))).orElse(0L);
            if (channel.size() < keep) {
                throw new CheckpointMismatchException("--out " + target + " holds " + channel.size() + " bytes but the checkpoint"
                        + " recorded " + keep + "; delete the checkpoint " + store.file() + " to start over");
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
                    return Map.of(OUTPUT_BYTES, String.valueOf(channel.position()), OUTPUT_FORMAT, format);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
            channel.force(true);
        }
        store.delete(document);
    }
}
