package dev.chunking.testing;

import dev.chunking.application.ChunkDigest;
import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Feeds a text to a chunker in random pieces, for the feed-independence properties. */
public final class Feeds {
    private Feeds() {
    }

    /**
     * Chunks a text fed as UTF-8 in random pieces of 0 to {@code maxPiece} bytes (so sequences are cut).
     *
     * @return the chunks, in order
     */
    public static List<Chunk> inRandomBytePieces(Chunking chunking, DocumentId document, String text, Random random, int maxPiece) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker chunker = chunking.open(document, chunks::add)) {
            for (int at = 0; at < utf8.length; ) {
                int n = Math.min(utf8.length - at, random.nextInt(maxPiece + 1));
                chunker.feed(utf8, at, n);
                at += n;
            }
            chunker.finish();
        }
        return chunks;
    }

    /**
     * Chunks a text fed as chars in random pieces of 0 to {@code maxPiece} chars (so surrogate pairs are cut).
     *
     * @return the chunks, in order
     */
    public static List<Chunk> inRandomCharPieces(Chunking chunking, DocumentId document, String text, Random random, int maxPiece) {
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker chunker = chunking.open(document, chunks::add)) {
            for (int at = 0; at < text.length(); ) {
                int n = Math.min(text.length() - at, random.nextInt(maxPiece + 1));
                chunker.feed(text.subSequence(at, at + n));
                at += n;
            }
            chunker.finish();
        }
        return chunks;
    }

    /**
     * Feeds bytes to a chunker in slices of one size, as a reader with that buffer does, then finishes it.
     *
     * @param chunker the chunker
     * @param utf8 the bytes
     * @param slice bytes per call to {@code feed}, at least 1
     */
    public static void inSlices(Chunker chunker, byte[] utf8, int slice) {
        for (int at = 0; at < utf8.length; at += slice) {
            chunker.feed(utf8, at, Math.min(slice, utf8.length - at));
        }
        chunker.finish();
    }

    /**
     * Chunks one document fed in slices of a size and returns the chunk count and the digest of every chunk field.
     *
     * @param chunking the configured chunking
     * @param utf8 the document's bytes
     * @param slice bytes per feed call
     * @return {@code "<chunks> <hex digest>"}
     */
    public static String digestInSlices(Chunking chunking, byte[] utf8, int slice) {
        ChunkDigest digest = new ChunkDigest();
        try (Chunker chunker = chunking.open(DocumentId.of("doc"), digest)) {
            inSlices(chunker, utf8, slice);
        }
        return digest.chunks() + " " + digest.hex();
    }
}
