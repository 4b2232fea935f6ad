package dev.chunking.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.Utf8Text;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The {@code --format jsonl} lines written with Jackson's streaming generator ({@code jackson-core}),
 * configured to give the CLI's bytes exactly: {@code ", "} and {@code ": "} between fields, controls
 * other than {@code \n \r \t} as lower-case {@code \}{@code u00xx} (Jackson would write {@code \b} and
 * {@code \f}), every other byte as is. The chunk text goes through
 * {@link JsonGenerator#writeUTF8String}, Jackson's path for text that is UTF-8 already, from a
 * reused array the text is copied into ({@link Utf8Text#copyBytes}), since Jackson reads arrays
 * only. {@link JsonOutputBenchmark} checks that it writes the same bytes as the CLI. Not thread-safe.
 */
final class JacksonChunkWriter {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).characterEscapes(new SameEscapes()).build();

    private final JsonGenerator generator;
    private byte[] text = new byte[1 << 14];

    /**
     * Creates a writer.
     *
     * @param out the destination; {@link #flush()} before reading it, the caller closes it
     * @throws IOException if the generator cannot be created
     */
    JacksonChunkWriter(OutputStream out) throws IOException {
        generator = FACTORY.createGenerator(out);
        generator.setPrettyPrinter(new Separators());
    }

    /**
     * Writes one chunk as one line.
     *
     * @param c the chunk
     * @throws IOException if writing fails
     */
    void write(Chunk c) throws IOException {
        JsonGenerator g = generator;
        g.writeStartObject();
        g.writeStringField("document", c.document().value());
        g.writeNumberField("index", c.index());
        int length = c.content().byteLength();
        if (length > text.length) {
            text = new byte[Math.max(length, text.length * 2)];
        }
        c.content().copyBytes(0, length, text, 0);
        g.writeFieldName("text");
        g.writeUTF8String(text, 0, length);
        g.writeNumberField("start", c.start());
        g.writeNumberField("end", c.end());
        g.writeNumberField("byteStart", c.byteStart());
        g.writeNumberField("byteEnd", c.byteEnd());
        g.writeNumberField("size", c.size());
        g.writeStringField("unit", c.unit().label());
        g.writeStringField("strategy", c.strategy());
        metadata(g, c.metadata());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void metadata(JsonGenerator g, ChunkMetadata metadata) throws IOException {
        if (!metadata.headings().isEmpty()) {
            g.writeArrayFieldStart("headings");
            for (String heading : metadata.headings()) {
                g.writeString(heading);
            }
            g.writeEndArray();
        }
        if (metadata.level() > 0) {
            g.writeNumberField("level", metadata.level());
        }
        if (metadata.id().isPresent()) {
            g.writeStringField("id", metadata.id().get());
        }
        if (metadata.parent().isPresent()) {
            g.writeStringField("parent", metadata.parent().get());
        }
        if (!metadata.attributes().isEmpty()) {
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> attribute : metadata.attributes().entrySet()) {
                g.writeStringField(attribute.getKey(), attribute.getValue());
            }
            g.writeEndObject();
        }
    }

    /**
     * Hands what the generator buffered to the stream.
     *
     * @throws IOException if writing fails
     */
    void flush() throws IOException {
        generator.flush();
    }

    /** Jackson's standard escapes, except {@code \b} and {@code \f}, which the CLI writes as {@code \}{@code u00xx}. */
    private static final class SameEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        SameEscapes() {
            ascii['\b'] = ESCAPE_STANDARD;
            ascii['\f'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii.clone(); // Jackson reads it once per generator
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /** The CLI's separators: {@code ", "} between entries and values, {@code ": "} after a name, nothing between lines. */
    private static final class Separators implements PrettyPrinter {
        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
            // each line ends with the newline write() adds
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) {
            // nothing before the first value
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) {
            // nothing before the first entry
        }
    }
}
