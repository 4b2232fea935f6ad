package dev.chunking.examples.relay.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.OperationId;
import dev.chunking.spi.ChunkSink;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The relay's sink: it keeps nothing but the first chunks of the document, which it hands, as the
 * preview's JSON, to {@code publish} once it has {@value #CHUNKS} of them, or when the run ends
 * with fewer ({@link #flush()}). A real host would store every chunk (the PostgreSQL store); the
 * relay shows where they are. Called from the operation's thread only.
 */
final class PreviewSink implements ChunkSink {
    /** Chunks in a preview. */
    static final int CHUNKS = 5;
    /** Code points of each chunk's text in a preview. */
    static final int TEXT_CHARS = 300;
    private static final JsonFactory JSON = new JsonFactory();

    private final OperationId operation;
    private final Consumer<String> publish;
    private final List<Chunk> first = new ArrayList<>(CHUNKS);
    private boolean published;

    PreviewSink(OperationId operation, Consumer<String> publish) {
        this.operation = operation;
        this.publish = publish;
    }

    @Override
    public void accept(Chunk chunk) {
        if (first.size() < CHUNKS) {
            first.add(chunk);
            if (first.size() == CHUNKS) {
                flush();
            }
        }
    }

    /** Publishes the preview unless it was already; with no chunk it publishes an empty list. */
    void flush() {
        if (!published) {
            published = true;
            publish.accept(json());
        }
    }

    private String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("operation", operation.value());
            g.writeArrayFieldStart("chunks");
            for (Chunk c : first) {
                g.writeStartObject();
                g.writeNumberField("index", c.index());
                g.writeNumberField("start", c.start());
                g.writeNumberField("end", c.end());
                g.writeNumberField("startByte", c.byteStart());
                g.writeNumberField("endByte", c.byteEnd());
                String text = c.text();
                // cut at a code point, never inside a surrogate pair
                g.writeStringField("text", text.codePointCount(0, text.length()) <= TEXT_CHARS ? text
                        : text.substring(0, text.offsetByCodePoints(0, TEXT_CHARS)));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a preview to a string", e);
        }
        return out.toString();
    }
}
