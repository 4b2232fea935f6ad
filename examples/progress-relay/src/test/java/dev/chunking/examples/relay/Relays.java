package dev.chunking.examples.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chunking.examples.relay.config.RelaySettings;
import dev.chunking.redis.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Relay instances for a test: on free ports, each naming the others as peers, sharing a key prefix
 * of the test's own on the test Redis (deleted after), reading documents from a folder of the
 * test's own.
 */
final class Relays implements AutoCloseable {
    /** How often instances are started on fresh ports when a port was taken before its server bound it. */
    private static final int BIND_ATTEMPTS = 5;

    final TestRedis redis = new TestRedis();
    final Path docs;
    private final List<RelayServer> servers = new ArrayList<>();
    private final List<Boolean> stopped = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private Relays(Path docs) {
        this.docs = docs;
    }

    /**
     * Starts instances.
     *
     * @param count how many
     * @param tune changes to each instance's settings (the ports, peers, prefix and folder are set)
     */
    static Relays start(int count, UnaryOperator<RelaySettings.Builder> tune) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(count, tune);
            } catch (IOException e) {
                // a port found free was taken before its server bound it (by an outgoing connection's
                // ephemeral port, drawn from the same range): pick the ports again
                if (attempt == BIND_ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || (t.getMessage() != null && t.getMessage().startsWith("Failed to bind"))) {
                return true;
            }
        }
        return false;
    }

    private static Relays startOnce(int count, UnaryOperator<RelaySettings.Builder> tune) throws Exception {
        Relays relays = new Relays(Files.createTempDirectory("relay-docs-"));
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                try (ServerSocket s = new ServerSocket(0)) {
                    ports[i] = s.getLocalPort();
                }
            }
            for (int i = 0; i < count; i++) {
                RelaySettings.Builder b = RelaySettings.builder(TestRedis.URI).port(ports[i]).instance("relay-" + (i + 1))
                        .redisPrefix(relays.redis.prefix).baseDirectory(relays.docs);
                for (int j = 0; j < count; j++) {
                    if (j != i) {
                        b.peer("http://127.0.0.1:" + ports[j]);
                    }
                }
                relays.servers.add(RelayServer.start(tune.apply(b).build()));
                relays.stopped.add(false);
            }
        } catch (Exception | Error e) {
            relays.close();
            throw e;
        }
        return relays;
    }

    RelayServer get(int i) {
        return servers.get(i);
    }

    String url(int i) {
        return servers.get(i).url();
    }

    /** Stops one instance, as a crash or a deployment would; its clients are disconnected. */
    void stop(int i) {
        stopped.set(i, true);
        servers.get(i).close();
    }

    /** Writes a document of about {@code bytes} bytes of sentences into the folder. */
    String document(String name, int bytes) {
        StringBuilder text = new StringBuilder(bytes + 100);
        String[] words = {"relay", "chunk", "progress", "instance", "Redis", "épreuve", "文書", "событие", "offset", "stream"};
        for (int i = 0; text.length() < bytes; i++) {
            text.append(words[(i * 7 + i / 3) % words.length]).append(i % 13 == 12 ? ".\n\n" : " ");
        }
        try {
            Files.writeString(docs.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    /** POSTs a JSON body to an instance; returns the status and the JSON answer. */
    HttpResponse<String> post(int instance, String path, String body) throws Exception {
        return post(instance, path, body, "application/json", null);
    }

    /** POSTs with a content type and, when not null, a browser's {@code Origin} header. */
    HttpResponse<String> post(int instance, String path, String body, String type, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(instance) + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", type);
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(int instance, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(instance) + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts chunking a document on an instance; returns the operation id. */
    String chunk(int instance, String document) throws Exception {
        HttpResponse<String> answer = post(instance, "/api/operations", "{\"path\":\"" + document + "\"}");
        if (answer.statusCode() != 202) {
            throw new AssertionError("starting " + document + " on " + url(instance) + ": " + answer.statusCode() + " " + answer.body());
        }
        JsonNode node = TestClient.JSON.readTree(answer.body());
        return node.path("operation").asText();
    }

    @Override
    public void close() throws IOException {
        for (int i = 0; i < servers.size(); i++) {
            if (!stopped.get(i)) {
                servers.get(i).close();
            }
        }
        redis.close();
        try (Stream<Path> files = Files.walk(docs)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
