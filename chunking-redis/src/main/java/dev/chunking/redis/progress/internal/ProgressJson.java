package dev.chunking.redis.progress.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON of a published event (also the operation's last state): the event's fields, its status
 * and the run's {@code epoch}. {@code bytesTotal} and {@code failure} are null when absent;
 * {@code at} is ISO-8601. Thread-safe.
 */
public final class ProgressJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProgressJson() {
    }

    /**
     * An event as read back, with the run it belongs to.
     *
     * @param epoch the run
     * @param event the event
     */
    public record Published(String epoch, ProgressEvent event) {
    }

    /**
     * Writes an event.
     *
     * @param epoch the run
     * @param status the status the event leaves the operation in
     * @param event the event
     * @return one line of JSON
     */
    public static String write(String epoch, String status, ProgressEvent event) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("epoch", epoch);
        n.put("operation", event.operation().value());
        n.put("sequence", event.sequence());
        n.put("kind", event.kind().name());
        n.put("status", status);
        n.put("at", event.at().toString());
        n.put("collection", event.collection().value());
        n.put("document", event.document().value());
        n.put("bytesDone", event.bytesDone());
        if (event.bytesTotal().isPresent()) {
            n.put("bytesTotal", event.bytesTotal().getAsLong());
        } else {
            n.putNull("bytesTotal");
        }
        n.put("chunks", event.chunks());
        n.put("bytesPerSecond", event.bytesPerSecond());
        if (event.failure().isPresent()) {
            n.put("failure", event.failure().get());
        } else {
            n.putNull("failure");
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a progress event as JSON", e);
        }
    }

    /**
     * Reads an event written by {@link #write}.
     *
     * @param json the JSON
     * @return the event and its run
     * @throws IllegalArgumentException if the JSON is not such an event
     */
    public static Published read(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            JsonNode total = n.path("bytesTotal");
            JsonNode failure = n.path("failure");
            ProgressEvent event = new ProgressEvent(OperationId.of(n.path("operation").asText()), n.path("sequence").asLong(),
                    ProgressEvent.Kind.valueOf(n.path("kind").asText()), Instant.parse(n.path("at").asText()),
                    CollectionId.of(n.path("collection").asText()), DocumentId.of(n.path("document").asText()),
                    n.path("bytesDone").asLong(), total.isNumber() ? OptionalLong.of(total.asLong()) : OptionalLong.empty(),
                    n.path("chunks").asLong(), n.path("bytesPerSecond").asDouble(),
                    failure.isTextual() ? Optional.of(failure.asText()) : Optional.empty());
            return new Published(n.path("epoch").asText(), event);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a progress event of chunking-redis: " + e.getMessage(), e);
        }
    }
}
