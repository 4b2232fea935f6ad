package org.example.host;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamResult;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Chunks a string, then a file read in bounded memory, and prints what it got. */
public final class QuickStart {
    /** Made once and shared: a Chunking is immutable and thread-safe. */
    private static final Chunking CHUNKING = Chunking.recursive(64, 16);   // max size, overlap

    private QuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args not used
     * @throws IOException if the temporary file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        String text = "Chunking cuts documents into pieces. Each piece knows its offsets.\n\n"
                + "A café menu in 漢字 is cut between characters, never inside one.\n";
        for (Chunk chunk : CHUNKING.chunk(DocumentId.of("note.txt"), text)) {
            System.out.printf("#%d chars [%d, %d) bytes [%d, %d) \"%s\"%n", chunk.index(), chunk.start(),
                    chunk.end(), chunk.byteStart(), chunk.byteEnd(), chunk.text().replace("\n", "\\n"));
        }

        Path file = Files.createTempFile("guide", ".md");
        try {
            Files.writeString(file, text.repeat(1000));          // UTF-8
            List<Chunk> chunks = new ArrayList<>();
            StreamResult result = new StreamingChunker(CHUNKING, OperationOptions.defaults())
                    .run(DocumentId.of("guide.md"), ByteSource.file(file), chunks::add);
            System.out.printf("guide.md: %d bytes, %d chunks, the last ends at byte %d%n",
                    result.bytes(), result.chunks(), chunks.get(chunks.size() - 1).byteEnd());
        } finally {
            Files.delete(file);
        }
    }
}
