package dev.chunking.examples.relay.hub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Writes the hub's messages to clients as JSON (see {@code docs/protocol.md}). Each message is
 * written once and the same text sent to every client that needs it.
 */
final class Messages {
    private static final JsonFactory JSON = new JsonFactory();

    /** The message that ends the answer to a subscribe. */
    static final String SYNCED = "{\"type\":\"synced\"}";

    private Messages() {
    }

    /** An {@code unavailable} message: the operation could not be read from Redis; subscribe again to retry. */
    static String unavailable(OperationId operation) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "unavailable");
            g.writeStringField("operation", operation.value());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("writing a message to a string", ex);
        }
        return out.toString();
    }

    /** An {@code event} message. */
    static String event(String epoch, ProgressEvent event) {
        return write("event", epoch, event, false);
    }

    /** A {@code state} message. */
    static String state(String epoch, ProgressEvent last, boolean skipped) {
        return write("state", epoch, last, skipped);
    }

    private static String write(String type, String epoch, ProgressEvent e, boolean skipped) {
        StringWriter out = new StringWriter(320);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField("operation", e.operation().value());
            g.writeStringField("epoch", epoch);
            g.writeNumberField("sequence", e.sequence());
            if ("state".equals(type)) {
                g.writeBooleanField("skipped", skipped);
            }
            g.writeObjectFieldStart("event");
            g.writeStringField("kind", e.kind().name());
            g.writeStringField("at", e.at().toString());
            g.writeNumberField("atMicros", micros(e.at()));
            g.writeStringField("document", e.document().value());
            g.writeNumberField("bytesDone", e.bytesDone());
            if (e.bytesTotal().isPresent()) {
                g.writeNumberField("bytesTotal", e.bytesTotal().getAsLong());
            } else {
                g.writeNullField("bytesTotal");
            }
            g.writeNumberField("chunks", e.chunks());
            g.writeNumberField("bytesPerSecond", Math.round(e.bytesPerSecond()));
            if (e.failure().isPresent()) {
                g.writeStringField("failure", e.failure().get());
            } else {
                g.writeNullField("failure");
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("writing a message to a string", ex);
        }
        return out.toString();
    }

    /** Microseconds since the epoch: what a client compares with its own clock to measure latency. */
    static long micros(Instant at) {
        return TimeUnit.SECONDS.toMicros(at.getEpochSecond()) + at.getNano() / 1000;
    }
}
