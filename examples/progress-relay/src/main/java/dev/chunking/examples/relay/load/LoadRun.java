package dev.chunking.examples.relay.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One load run against running relay instances: writes the documents (deterministic text, reused
 * when already there), opens the clients, starts the operations with ids of the run's own so
 * every client follows its operation before it starts, waits until each client saw its
 * operation's last event, and counts what was lost, duplicated and how late.
 *
 * <pre>{@code
 * LoadReport report = LoadRun.run(new LoadRun.Options(urls, docs, 300, 10, 100_000, "it"), LoadRun.Listener.NONE);
 * }</pre>
 */
public final class LoadRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Hooks around the run's phases, for figures taken outside it (the relays' memory). */
    public interface Listener {
        /** A listener that does nothing. */
        Listener NONE = new Listener() { };

        /**
         * Called once every client is connected and subscribed (or failed), before any operation starts.
         *
         * @param clients the clients
         */
        default void connected(LoadClients clients) {
        }
    }

    /**
     * What to run.
     *
     * @param instances the relays' base URLs, e.g. {@code http://127.0.0.1:8081}; their base directory must be {@code documents}
     * @param documents the folder the documents are written to
     * @param clients how many WebSocket clients
     * @param operations how many operations (one document each)
     * @param documentBytes the size of each document
     * @param runId a name for the run, part of every operation id ({@code load-RUN-i})
     * @param connectInFlight the most clients connecting at once
     * @param connectTimeout how long opening every client may take
     * @param runTimeout how long the operations may take once started
     */
    public record Options(List<String> instances, Path documents, int clients, int operations, int documentBytes, String runId,
                          int connectInFlight, Duration connectTimeout, Duration runTimeout) {
        /** Copies the instances and checks the numbers. */
        public Options {
            instances = List.copyOf(instances);
            if (instances.isEmpty() || clients < 0 || operations < 1 || documentBytes < 1 || connectInFlight < 1) {
                throw new IllegalArgumentException("a load run needs instances, clients >= 0, operations >= 1, documentBytes >= 1, "
                        + "connectInFlight >= 1");
            }
        }

        /**
         * Options with 200 clients connecting at once, 2 minutes to connect and 5 to run.
         *
         * @param instances the relays' base URLs
         * @param documents the relays' base directory
         * @param clients how many clients
         * @param operations how many operations
         * @param documentBytes the size of each document
         * @param runId the run's name
         */
        public Options(List<String> instances, Path documents, int clients, int operations, int documentBytes, String runId) {
            this(instances, documents, clients, operations, documentBytes, runId, 200, Duration.ofMinutes(2), Duration.ofMinutes(5));
        }

        /**
         * @param i the operation's number
         * @return its id
         */
        public String operationId(int i) {
            return "load-" + runId + "-" + i;
        }
    }

    private LoadRun() {
    }

    /**
     * Runs the load.
     *
     * @param options what to run
     * @param listener hooks around the phases
     * @return the figures
     * @throws Exception if the documents cannot be written, the clients not started, or a relay refuses an operation
     */
    public static LoadReport run(Options options, Listener listener) throws Exception {
        writeDocuments(options.documents(), options.operations(), options.documentBytes());
        int threads = Math.max(32, Runtime.getRuntime().availableProcessors() * 16);
        try (LoadClients clients = new LoadClients(threads)) {
            long t0 = System.nanoTime();
            clients.open(options.instances(), options.clients(), options.operations(), options::operationId, options.connectInFlight(),
                    options.connectTimeout());
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            listener.connected(clients);
            long t1 = System.nanoTime();
            for (int i = 0; i < options.operations(); i++) {
                start(clients, options, i);
            }
            clients.awaitDone(options.runTimeout());
            double runSeconds = (System.nanoTime() - t1) / 1e9;
            return report(options, clients, connectSeconds, runSeconds);
        }
    }

    private static void start(LoadClients clients, Options options, int i) throws Exception {
        String instance = options.instances().get(i % options.instances().size());
        String body = JSON.createObjectNode().put("path", documentName(i)).put("operation", options.operationId(i)).put("maxSize", 1000)
                .toString();
        LoadClients.Response response = clients.request("POST", instance + "/api/operations", body);
        if (response.status() != 202) {
            throw new IllegalStateException(instance + " refused operation " + i + ": " + response.status() + " " + response.body());
        }
    }

    private static LoadReport report(Options options, LoadClients clients, double connectSeconds, double runSeconds) {
        List<ClientTracker> all = clients.snapshot();
        Map<String, Long> last = new HashMap<>();
        Map<String, String> lastKind = new HashMap<>();
        for (ClientTracker c : all) {
            if (c.finalSequence() > 0 && c.finalSequence() > last.getOrDefault(c.operation(), 0L)) {
                last.put(c.operation(), c.finalSequence());
                lastKind.put(c.operation(), c.finalKind());
            }
        }
        long expected = 0;
        long lost = 0;
        long duplicates = 0;
        long gaps = 0;
        long messages = 0;
        int unfinished = 0;
        int closedEarly = 0;
        for (ClientTracker c : all) {
            if (!c.synced()) {
                continue;
            }
            long end = last.getOrDefault(c.operation(), 0L);
            expected += end;
            lost += Math.max(0, end - c.distinct());
            duplicates += c.duplicates();
            gaps += c.gaps() + c.foreign();
            messages += c.messages();
            if (c.finalSequence() < 0) {
                unfinished++;
                if (c.closeStatus() >= 0) {
                    closedEarly++;
                }
            }
        }
        long published = last.values().stream().mapToLong(Long::longValue).sum();
        int completed = (int) lastKind.values().stream().filter("COMPLETED"::equals).count();
        LatencyHistogram l = clients.latencies();
        return new LoadReport(options.instances().size(), options.clients(), clients.established(), clients.failed(), closedEarly,
                options.operations(), completed, published, expected, messages, lost, duplicates, gaps, unfinished, l.count(),
                l.percentile(0.50), l.percentile(0.99), l.max(), connectSeconds, runSeconds, clients.failures());
    }

    /**
     * @param i the operation's number
     * @return the name of its document, relative to the documents folder
     */
    public static String documentName(int i) {
        return String.format(Locale.ROOT, "load-%04d.txt", i);
    }

    /**
     * Writes {@code count} documents of {@code bytes} bytes each: paragraphs of pseudo-random words,
     * the same for the same number every time; a document already there with that size is kept.
     *
     * @param folder where to write them
     * @param count how many
     * @param bytes the size of each
     * @throws IOException if one cannot be written
     */
    public static void writeDocuments(Path folder, int count, int bytes) throws IOException {
        Files.createDirectories(folder);
        String[] words = ("relay operation chunk event client socket redis epoch sequence progress document paragraph "
                + "latency window buffer stream instance origin subscribe replay state measure river mountain quiet "
                + "number letter engine garden silver window orange market signal harbor winter").split(" ");
        for (int i = 0; i < count; i++) {
            Path file = folder.resolve(documentName(i));
            if (Files.isRegularFile(file) && Files.size(file) == bytes) {
                continue;
            }
            long seed = 0x9E3779B97F4A7C15L * (i + 1);
            StringBuilder text = new StringBuilder(bytes + 64);
            int inSentence = 0;
            int inParagraph = 0;
            while (text.length() < bytes) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                String word = words[(int) ((seed >>> 33) % words.length)];
                text.append(inSentence == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                inSentence++;
                if (inSentence >= 8 + (int) ((seed >>> 20) & 7)) {
                    text.append(". ");
                    inSentence = 0;
                    if (++inParagraph >= 5) {
                        text.append("\n\n");
                        inParagraph = 0;
                    }
                } else {
                    text.append(' ');
                }
            }
            text.setLength(bytes);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(text.toString());
            }
        }
    }
}
