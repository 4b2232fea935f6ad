package dev.chunking.redis.checkpoint.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.SourceFingerprint;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint as the JSON value of a Redis string: every field by name, so that a human can read
 * it with {@code redis-cli GET} and a later format can add fields. The same JSON as chunking-postgres
 * writes in its {@code jsonb} column: the logic is copied from that module's
 * {@code internal.CheckpointJson}, because adapters do not depend on each other
 * ({@code CheckpointJsonTest} pins the text). Stateless and thread-safe.
 */
public final class CheckpointJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointJson() {
    }

    /**
     * Writes a checkpoint as JSON.
     *
     * @param c the checkpoint
     * @return its JSON text
     */
    public static String write(Checkpoint c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", c.formatVersion());
        root.put("collection", c.collection().value());
        root.put("document", c.document().value());
        root.put("strategy", c.strategy());
        ChunkingOptions o = c.options();
        ObjectNode options = root.putObject("options");
        options.put("maxSize", o.maxSize());
        options.put("overlap", o.overlap());
        options.put("minSize", o.minSize());
        options.put("unit", o.unit().name());
        options.put("tokenCounter", o.tokenCounter());
        options.put("malformedInput", o.malformedInput().name());
        ObjectNode parameters = options.putObject("parameters");
        new TreeMap<>(o.parameters()).forEach(parameters::put);
        SourceFingerprint s = c.source();
        ObjectNode source = root.putObject("source");
        source.put("size", s.size());
        source.put("modifiedMillis", s.modifiedMillis());
        source.put("headSha256", s.headSha256());
        source.put("tailSha256", s.tailSha256());
        ResumePoint r = c.position();
        ObjectNode position = root.putObject("position");
        position.put("byteOffset", r.byteOffset());
        position.put("codePointOffset", r.codePointOffset());
        position.put("previousEndByte", r.previousEndByte());
        position.put("previousEndCodePoint", r.previousEndCodePoint());
        position.put("nextIndex", r.nextIndex());
        position.put("replacements", r.replacements());
        if (r.hasState()) {
            position.put("state", Base64.getEncoder().encodeToString(r.state())); // the strategy's own, versioned state
        }
        ObjectNode attributes = root.putObject("attributes");
        new TreeMap<>(c.attributes()).forEach(attributes::put);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checkpoint of plain values cannot fail to become JSON", e);
        }
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @param json the JSON text
     * @param where what to name in an error (the collection and document)
     * @return the checkpoint
     * @throws CheckpointMismatchException if the JSON is not a checkpoint
     */
    public static Checkpoint read(String json, String where) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode o = field(root, "options");
            ChunkingOptions options = new ChunkingOptions(field(o, "maxSize").intValue(), field(o, "overlap").intValue(),
                    field(o, "minSize").intValue(), SizeUnit.valueOf(field(o, "unit").textValue()),
                    field(o, "tokenCounter").textValue(), MalformedInputPolicy.valueOf(field(o, "malformedInput").textValue()),
                    strings(field(o, "parameters")));
            JsonNode s = field(root, "source");
            SourceFingerprint source = new SourceFingerprint(field(s, "size").longValue(), field(s, "modifiedMillis").longValue(),
                    field(s, "headSha256").textValue(), field(s, "tailSha256").textValue());
            JsonNode p = field(root, "position");
            ResumePoint position = new ResumePoint(field(p, "byteOffset").longValue(), field(p, "codePointOffset").longValue(),
                    field(p, "previousEndByte").longValue(), field(p, "previousEndCodePoint").longValue(),
                    field(p, "nextIndex").longValue(), field(p, "replacements").longValue(),
                    p.hasNonNull("state") ? Base64.getDecoder().decode(p.get("state").textValue()) : new byte[0]);
            return new Checkpoint(field(root, "format").intValue(), CollectionId.of(field(root, "collection").textValue()),
                    DocumentId.of(field(root, "document").textValue()), field(root, "strategy").textValue(), options, source,
                    position, strings(field(root, "attributes")));
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof CheckpointMismatchException m) {
                throw m;
            }
            throw new CheckpointMismatchException("the checkpoint of " + where + " cannot be read (" + e.getMessage()
                    + "); delete it to start the document over");
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), e.getValue().asText());
        }
        return values;
    }
}
