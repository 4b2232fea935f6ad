package dev.chunking.application;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.spi.ChunkSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sink that reduces a chunk sequence to one SHA-256 digest of everything a chunk carries, in
 * order: index, code-point and byte offsets, size and unit, strategy, metadata (heading path,
 * level, id, parent, attributes), replacements and the text's UTF-8 bytes. Two runs have the same
 * digest exactly when they emit the same chunks, so it compares runs on different machines,
 * versions or clusters without keeping their chunks (memory: one digest). Not thread-safe: one
 * run feeds one digest.
 */
public final class ChunkDigest implements ChunkSink {
    private final MessageDigest sha256;
    private final ByteBuffer numbers = ByteBuffer.allocate(8);
    private long chunks;

    /** Starts an empty digest. */
    public ChunkDigest() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void accept(Chunk c) {
        chunks++;
        number(c.index());
        number(c.start());
        number(c.end());
        number(c.byteStart());
        number(c.byteEnd());
        number(c.size());
        text(c.unit().name());
        text(c.strategy());
        ChunkMetadata m = c.metadata();
        texts(m.headings());
        number(m.level());
        text(m.id().orElse("\u0000none"));
        text(m.parent().orElse("\u0000none"));
        number(m.attributes().size());
        for (Map.Entry<String, String> e : new TreeMap<>(m.attributes()).entrySet()) {
            text(e.getKey());
            text(e.getValue());
        }
        number(c.replacements());
        byte[] utf8 = c.content().toByteArray();
        number(utf8.length);
        sha256.update(utf8);
    }

    /**
     * Returns the number of chunks digested.
     *
     * @return the count
     */
    public long chunks() {
        return chunks;
    }

    /**
     * Returns the digest of the chunks so far, as 64 lowercase hex digits; the digest goes on
     * from there if more chunks come.
     *
     * @return the hex digest
     */
    public String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private void number(long v) {
        numbers.clear();
        numbers.putLong(v);
        sha256.update(numbers.array());
    }

    private void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        number(b.length);
        sha256.update(b);
    }

    private void texts(List<String> list) {
        number(list.size());
        list.forEach(this::text);
    }
}
