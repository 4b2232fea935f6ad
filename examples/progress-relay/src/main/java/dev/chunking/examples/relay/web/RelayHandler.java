package dev.chunking.examples.relay.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.OperationId;
import dev.chunking.examples.relay.config.RelaySettings;
import dev.chunking.examples.relay.hub.Hub;
import dev.chunking.examples.relay.run.RelayRequestException;
import dev.chunking.examples.relay.run.RunOptions;
import dev.chunking.examples.relay.run.Runs;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The page and the JSON API of {@code docs/protocol.md}: start an operation on a named file or an
 * upload, cancel one, read its preview, the instance's configuration and health. Every refusal is
 * a 4xx with {@code {"error": "..."}} saying what to fix. Thread-safe.
 */
public final class RelayHandler extends Handler.Abstract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_OPERATIONS = "/api/operations/";
    /** The largest JSON body read: a path and a few options. */
    private static final int MAX_JSON_BYTES = 64 * 1024;
    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private final RelaySettings settings;
    private final Runs runs;
    private final Hub hub;
    private final LongAdder overflows;
    private final Origins origins;

    /**
     * Makes the handler.
     *
     * @param settings the relay's settings
     * @param runs where operations start
     * @param hub the instance's hub (for the health figures)
     * @param overflows the connections closed for reading too slowly (for the health figures)
     * @param origins the origins whose pages may call the API (this instance's and its peers'): a page
     *     served by one instance calls whichever it is connected to; any other page is refused, so
     *     a site the user visits cannot start or cancel runs through the browser
     */
    public RelayHandler(RelaySettings settings, Runs runs, Hub hub, LongAdder overflows, Origins origins) {
        this.settings = settings;
        this.runs = runs;
        this.hub = hub;
        this.overflows = overflows;
        this.origins = origins;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        boolean foreign = !origins.permits(origin, request.getHeaders().get(HttpHeader.HOST));
        if (origin != null && !foreign) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.VARY, "Origin");
        }
        try {
            if (foreign && !"GET".equals(method)) {
                throw new RelayRequestException(403, "origin " + origin + " may not call this relay; start it with --peer " + origin
                        + " to allow it");
            } else if ("OPTIONS".equals(method)) { // a preflight: the page posts JSON to a peer
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                response.setStatus(204);
                callback.succeeded();
            } else if ("GET".equals(method) && PAGES.containsKey(path)) {
                page(PAGES.get(path), response, callback);
            } else if ("GET".equals(method) && "/api/config".equals(path)) {
                json(response, callback, 200, config());
            } else if ("GET".equals(method) && "/health".equals(path)) {
                json(response, callback, 200, object().put("instance", settings.instance()).put("connections", hub.connections())
                        .put("operationsHere", runs.running()).put("slowClientsClosed", overflows.sum()));
            } else if ("POST".equals(method) && "/api/operations".equals(path)) {
                JsonNode body = readJson(request);
                OperationId id = runs.chunkFile(text(body, "path"), options(body::path));
                started(response, callback, id);
            } else if ("POST".equals(method) && "/api/uploads".equals(path)) {
                Fields query = Request.extractQueryParameters(request);
                String name = Optional.ofNullable(query.getValue("name")).orElse("upload");
                try (InputStream body = Content.Source.asInputStream(request)) {
                    started(response, callback, runs.chunkUpload(name, body, options(k -> JSON.getNodeFactory().textNode(
                            Optional.ofNullable(query.getValue(k)).orElse(""))))); // absent parameters read as ""
                }
            } else if ("POST".equals(method) && operation(path, "/cancel").isPresent()) {
                OperationId id = operation(path, "/cancel").get();
                runs.requestCancel(id);
                json(response, callback, 202, object().put("operation", id.value()).put("cancelRequested", true));
            } else if ("GET".equals(method) && operation(path, "/preview").isPresent()) {
                OperationId id = operation(path, "/preview").get();
                Optional<String> preview = runs.preview(id);
                if (preview.isPresent()) {
                    write(response, callback, 200, preview.get());
                } else {
                    json(response, callback, 404, error("no preview of operation " + id.value() + " yet: it has no chunk, or ended over an hour ago"));
                }
            } else if (path.startsWith("/api/")) {
                json(response, callback, 404, error("no such request: " + method + " " + path + " (see docs/protocol.md)"));
            } else {
                return false;
            }
        } catch (RelayRequestException e) {
            json(response, callback, e.status(), error(e.getMessage()));
        } catch (ChunkingException | IllegalArgumentException e) {
            json(response, callback, 400, error(e.getMessage()));
        } catch (RedisException e) {
            json(response, callback, 503, error("Redis did not answer (" + e.getMessage() + "); try again, or check --redis"));
        }
        return true;
    }

    /** The operation id in {@code /api/operations/{id}<suffix>}, if the path is one. */
    private static Optional<OperationId> operation(String path, String suffix) {
        if (!path.startsWith(API_OPERATIONS) || !path.endsWith(suffix) || path.length() <= API_OPERATIONS.length() + suffix.length()) {
            return Optional.empty();
        }
        return Optional.of(OperationId.of(path.substring(API_OPERATIONS.length(), path.length() - suffix.length())));
    }

    private ObjectNode config() {
        ObjectNode node = object().put("instance", settings.instance()).put("collection", settings.collection().value())
                .put("maxUploadBytes", settings.maxUploadBytes());
        node.putArray("peers").addAll(settings.peers().stream().map(JSON.getNodeFactory()::textNode).toList());
        return node;
    }

    private static RunOptions options(Function<String, JsonNode> field) {
        RunOptions d = RunOptions.DEFAULTS;
        String op = field.apply("operation").asText("");
        String strategy = field.apply("strategy").asText("");
        return new RunOptions(op.isEmpty() ? Optional.empty() : Optional.of(OperationId.of(op)),
                strategy.isEmpty() ? d.strategy() : strategy, number(field.apply("maxSize"), "maxSize", d.maxSize()),
                number(field.apply("overlap"), "overlap", d.overlap()));
    }

    private static int number(JsonNode node, String name, int otherwise) {
        String text = node.asText("");
        if (node.isMissingNode() || node.isNull() || text.isEmpty()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RelayRequestException(400, name + " must be a whole number, got \"" + text + "\"");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new RelayRequestException(400, "the request needs \"" + field + "\": the file's path under the relay's base directory");
        }
        return node.asText();
    }

    private static JsonNode readJson(Request request) throws IOException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.startsWith("application/json")) {
            throw new RelayRequestException(415, "send the body as application/json (Content-Type), got " + type);
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_JSON_BYTES + 1);
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw new RelayRequestException(413, "the request body is larger than " + MAX_JSON_BYTES + " bytes; it needs a path and a few options");
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new RelayRequestException(400, "the body must be a JSON object, e.g. {\"path\":\"guide.md\"}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RelayRequestException(400, "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private void started(Response response, Callback callback, OperationId id) {
        json(response, callback, 202, object().put("operation", id.value()).put("instance", settings.instance()));
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static ObjectNode error(String message) {
        return object().put("error", message);
    }

    private static void json(Response response, Callback callback, int status, JsonNode body) {
        write(response, callback, status, body.toString());
    }

    private static void write(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }

    private static void page(String name, Response response, Callback callback) throws IOException {
        byte[] bytes;
        try (InputStream in = RelayHandler.class.getResourceAsStream("/dev/chunking/examples/relay/web/" + name)) {
            if (in == null) {
                throw new IOException("the page's resource " + name + " is missing from the jar");
            }
            bytes = in.readAllBytes();
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
