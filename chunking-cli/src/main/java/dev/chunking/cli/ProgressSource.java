package dev.chunking.cli;

import dev.chunking.domain.SourceFingerprint;
import dev.chunking.streaming.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import java.util.OptionalLong;

/** A source that reports the bytes read to a progress bar. Not thread-safe. */
final class ProgressSource implements ByteSource {
    private final ByteSource source;
    private final ProgressBar bar;
    private long read;

    ProgressSource(ByteSource source, ProgressBar bar) {
        this.source = source;
        this.bar = bar;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public OptionalLong size() throws IOException {
        return source.size();
    }

    @Override
    public Optional<SourceFingerprint> fingerprint() throws IOException {
        return source.fingerprint();
    }

    @Override
    public ReadableByteChannel open(long offset) throws IOException {
        ReadableByteChannel channel = source.open(offset);
        read = offset;
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = channel.read(dst);
                if (n > 0) {
                    read += n;
                    bar.update(read);
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
