package dev.chunking.testing;

import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.DocumentSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * A source in memory that calls a hook after every read with the offset reached, so a test can
 * cancel, move a clock, block or fail at an exact point of the input.
 */
public final class HookedSource implements DocumentSource {
    private final DocumentSource inner;
    private final LongConsumer afterRead;

    /**
     * @param bytes the document
     * @param afterRead called with the byte offset reached after each read that returned bytes; may throw
     */
    public HookedSource(byte[] bytes, LongConsumer afterRead) {
        this.inner = DocumentSource.ofBytes("hooked", bytes);
        this.afterRead = afterRead;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public OptionalLong size() throws IOException {
        return inner.size();
    }

    @Override
    public Optional<SourceFingerprint> fingerprint() throws IOException {
        return inner.fingerprint();
    }

    @Override
    public ReadableByteChannel open(long offset) throws IOException {
        ReadableByteChannel channel = inner.open(offset);
        long[] at = {offset};
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = channel.read(dst);
                if (n > 0) {
                    at[0] += n;
                    afterRead.accept(at[0]);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
