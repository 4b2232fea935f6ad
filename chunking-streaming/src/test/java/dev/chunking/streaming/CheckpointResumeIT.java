package dev.chunking.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Promise 5 through files and checkpoints: a crashed run resumed from its last checkpoint ends as an uninterrupted one. */
class CheckpointResumeIT {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static Path dir;

    /** Stands for a crash: the sink dies after some chunks. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = SharedTempDirectory.create("checkpoints");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        SharedTempDirectory.remove(dir);
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<String> piece = Arbitraries.of("word ", "\u00e9t\u00e9 ", "\u6f22\u5b57", "\ud83d\ude00", "e\u0301", "\n\n", ". ",
                "\ud83c\uddfa\ud83c\uddf8", "\ufffd").flatMap(s -> Arbitraries.integers().between(1, 30).map(s::repeat));
        return piece.list().ofMinSize(1).ofMaxSize(40).map(p -> {
            byte[] bytes = String.join("", p).getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 10 && bytes.length % 3 == 0) {
                bytes[bytes.length / 2] = (byte) 0xFF; // now and then a malformed byte, replaced
            }
            return bytes;
        });
    }

    @Provide
    Arbitrary<Chunking> chunkings() {
        return Arbitraries.of("character", "recursive").flatMap(strategy -> Arbitraries.integers().between(2, 120)
                .flatMap(max -> Arbitraries.integers().between(0, max - 1).map(overlap -> Chunking.of(strategy,
                        ChunkingOptions.builder().maxSize(max).overlap(overlap).malformedInput(MalformedInputPolicy.REPLACE).build()))));
    }

    @Property(tries = 300)
    void resumesACrashedRunFromItsLastCheckpointToTheSameChunks(@ForAll("inputs") byte[] input, @ForAll("chunkings") Chunking chunking,
                                                                @ForAll @IntRange(min = 1, max = 5) int every,
                                                                @ForAll @IntRange(min = 1, max = 64) int buffer,
                                                                @ForAll @IntRange(min = 0, max = 40) int crashAfter) throws IOException {
        Path file = Files.write(dir.resolve("source.txt"), input);
        Path checkpointFile = dir.resolve("run.checkpoint");
        Files.deleteIfExists(checkpointFile);
        FileCheckpointStore store = new FileCheckpointStore(checkpointFile);
        StreamingChunker runner = new StreamingChunker(chunking,
                OperationOptions.builder().bufferSize(buffer).checkpointEveryChunks(every).build());
        List<Chunk> whole = new ArrayList<>();
        runner.run(DOC, ByteSource.file(file), whole::add);

        List<Chunk> first = new ArrayList<>();
        try {
            runner.run(DOC, ByteSource.file(file), chunk -> {
                if (first.size() == crashAfter) {
                    throw new Crash();
                }
                first.add(chunk);
            }, store, Map::of);
        } catch (Crash crash) {
            // no checkpoint yet (the crash came before the first one): the next run starts over
            long next = store.load(StreamingChunker.DEFAULT_COLLECTION, DOC).map(c -> c.position().nextIndex()).orElse(0L);
            long from = store.load(StreamingChunker.DEFAULT_COLLECTION, DOC).map(c -> c.position().byteOffset()).orElse(-1L);
            assertThat(next).isLessThanOrEqualTo(first.size());
            List<Chunk> resumed = new ArrayList<>(first.subList(0, (int) next));
            StreamResult result = runner.run(DOC, ByteSource.file(file), resumed::add, store, Map::of);
            assertThat(resumed).isEqualTo(whole);
            if (from >= 0) {
                assertThat(result.resumedFrom()).isEqualTo(from);
            }
            return;
        }
        assertThat(first).isEqualTo(whole); // finished before the crash point
    }

    @Property(tries = 50)
    void savesAndLoadsEveryFieldOfACheckpoint(@ForAll("chunkings") Chunking chunking, @ForAll @IntRange(min = 0, max = 1000) int next)
            throws IOException {
        Path file = dir.resolve("round.checkpoint");
        FileCheckpointStore store = new FileCheckpointStore(file);
        Checkpoint checkpoint = new Checkpoint(Checkpoint.FORMAT_VERSION, StreamingChunker.DEFAULT_COLLECTION, DocumentId.of("d\u00e9j\u00e0 vu.md"),
                chunking.strategy().name(),
                chunking.options(), new SourceFingerprint(12345, 678, "aa", "bb"),
                new ResumePoint(10, 9, 20, 18, next, 2), Map.of("output.bytes", "4096", "note", "a=b c"));
        store.save(checkpoint);
        assertThat(store.load(StreamingChunker.DEFAULT_COLLECTION, DocumentId.of("d\u00e9j\u00e0 vu.md"))).contains(checkpoint);
        store.delete(checkpoint.collection(), checkpoint.document());
        assertThat(store.load(checkpoint.collection(), checkpoint.document())).isEmpty();
    }
}
