package dev.chunking.streaming;

import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.DocumentSource;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import java.util.OptionalLong;

/** Any {@link DocumentSource} as a {@link ByteSource}: {@link ByteSource#of}. As immutable and thread-safe as the source. */
final class AdaptedSource implements ByteSource {
    private final DocumentSource source;

    AdaptedSource(DocumentSource source) {
        this.source = source;
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
    public ReadableByteChannel open(long offset) throws IOException {
        return source.open(offset);
    }

    @Override
    public Optional<SourceFingerprint> fingerprint() throws IOException {
        return source.fingerprint();
    }
}
