package dev.chunking.examples.relay.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The relay's load test from the command line: starts relay instances as JVMs of their own on one
 * Redis (a key prefix of the run's own, deleted at the end), opens WebSocket clients spread over
 * them, runs operations, and prints a Markdown report: connections, events published, lost and
 * duplicated, publish-to-receive latency, each relay's memory per connection (growth of its
 * resident memory from before the clients connect to after) and CPU time, and the load process's.
 *
 * <pre>
 * java -Xmx1g -cp progress-relay.jar dev.chunking.examples.relay.load.LoadMain --clients 10000 --operations 100
 * </pre>
 *
 * <p>Raise the open-file limit first ({@code ulimit -n}): every client is a socket here, and a
 * third of them one in each relay. A bad argument exits with status 2 and one line that says what
 * to fix.
 */
public final class LoadMain {
    static final String USAGE = "usage: relay-load [--clients N] [--operations N] [--doc-bytes N] [--instances N] "
            + "[--bytes-per-second N] [--max-concurrent N] [--buffer-size N] [--connect-in-flight N] [--timeout-seconds N] "
            + "[--relay-heap SIZE] [--warmup-clients N] [--warmup-operations N] [--docs DIR] [--redis URI]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadMain() {
    }

    /**
     * Runs the load test.
     *
     * @param args the options of {@link #USAGE}
     * @throws Exception if the relays cannot start or the run fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("relay-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        int clients = number(o, "--clients");
        int operations = number(o, "--operations");
        int instances = number(o, "--instances");
        String runId = Long.toString(System.currentTimeMillis(), 36);
        String prefix = "relay-load:" + UUID.randomUUID() + ":";
        boolean ownDocs = !o.containsKey("--docs");
        Path docs = ownDocs ? Files.createTempDirectory("relay-load-docs-") : Path.of(o.get("--docs")).toAbsolutePath();
        Path logs = Files.createTempDirectory("relay-load-logs-");
        List<Integer> ports = freePorts(instances);
        List<RelayProcess> relays = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try {
            LoadRun.writeDocuments(docs, operations, number(o, "--doc-bytes"));
            for (int i = 0; i < instances; i++) {
                List<String> a = new ArrayList<>(List.of("--port", ports.get(i).toString(), "--instance", "relay-" + (i + 1),
                        "--redis", o.get("--redis"), "--redis-prefix", prefix, "--base-dir", docs.toString(),
                        "--max-concurrent", o.get("--max-concurrent"), "--bytes-per-second", o.get("--bytes-per-second"),
                        "--buffer-size", o.get("--buffer-size")));
                for (int j = 0; j < instances; j++) {
                    if (j != i) {
                        a.addAll(List.of("--peer", "http://127.0.0.1:" + ports.get(j)));
                    }
                }
                relays.add(RelayProcess.start("relay-" + (i + 1), a, o.get("--relay-heap"), logs, Duration.ofSeconds(60)));
            }
            out.printf(Locale.ROOT, "%d relays listening (logs in %s); opening %d clients, then %d operations of %s bytes%n",
                    instances, logs, clients, operations, o.get("--doc-bytes"));
            // a warm-up round, not counted: the first events through a fresh JVM's publishing, relaying
            // and sending code paths wait for class loading and the JIT (some 200 ms for the very first)
            int warmClients = number(o, "--warmup-clients");
            int warmOperations = number(o, "--warmup-operations");
            if (warmOperations > 0) {
                LoadReport warm = LoadRun.run(new LoadRun.Options(relays.stream().map(RelayProcess::url).toList(), docs, warmClients,
                        warmOperations, number(o, "--doc-bytes"), runId + "w", number(o, "--connect-in-flight"), Duration.ofMinutes(3),
                        Duration.ofSeconds(number(o, "--timeout-seconds"))), LoadRun.Listener.NONE);
                out.printf(Locale.ROOT, "warm-up (not counted): %d clients, %d operations, %d events; p99 %.1f ms%n", warmClients,
                        warmOperations, warm.eventsPublished(), warm.p99Micros() / 1000.0);
            }
            Map<RelayProcess, long[]> rss = new HashMap<>();
            Map<RelayProcess, Integer> connections = new HashMap<>();
            relays.forEach(r -> rss.put(r, new long[] {r.rssKib(), -1}));
            Map<RelayProcess, Double> cpu0 = new HashMap<>();
            relays.forEach(r -> cpu0.put(r, r.cpuSeconds()));
            double selfCpu0 = RelayProcess.cpuSeconds(self);
            long t0 = System.nanoTime();
            LoadRun.Options options = new LoadRun.Options(relays.stream().map(RelayProcess::url).toList(), docs, clients, operations,
                    number(o, "--doc-bytes"), runId, number(o, "--connect-in-flight"), Duration.ofMinutes(3),
                    Duration.ofSeconds(number(o, "--timeout-seconds")));
            LoadReport report = LoadRun.run(options, new LoadRun.Listener() {
                @Override
                public void connected(LoadClients opened) {
                    out.printf(Locale.ROOT, "%d clients connected, %d failed; sampling the relays' memory%n", opened.established(),
                            opened.failed());
                    pause(2000);
                    for (RelayProcess r : relays) {
                        rss.get(r)[1] = r.rssKib();
                        connections.put(r, health(opened, r));
                    }
                }
            });
            double wall = (System.nanoTime() - t0) / 1e9;
            out.println();
            out.println("## Relay load: " + clients + " clients, " + operations + " operations, " + instances + " instances");
            out.println();
            out.print(report);
            out.println();
            out.println("| process | connections | RSS before clients (MiB) | RSS with clients (MiB) | KiB per connection "
                    + "| CPU seconds over the run | CPU share of one core |");
            out.println("|---|---|---|---|---|---|---|");
            for (RelayProcess r : relays) {
                long[] m = rss.get(r);
                int n = connections.getOrDefault(r, 0);
                double c = r.cpuSeconds() - cpu0.get(r);
                out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %s | %.1f | %.0f %% |%n", r.name(), n, m[0] / 1024.0, m[1] / 1024.0,
                        n > 0 ? String.format(Locale.ROOT, "%.1f", (m[1] - m[0]) / (double) n) : "-", c, 100 * c / wall);
            }
            double c = RelayProcess.cpuSeconds(self) - selfCpu0;
            out.printf(Locale.ROOT, "| load (clients) | %d | - | %.0f | - | %.1f | %.0f %% |%n", report.established(),
                    RelayProcess.rssKib(self) / 1024.0, c, 100 * c / wall);
            out.printf(Locale.ROOT, "%nwall time from the first connect to the last client done: %.1f s; %d processors%n", wall,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            relays.forEach(RelayProcess::close);
            deleteKeys(o.get("--redis"), prefix);
            if (ownDocs) {
                deleteTree(docs);
            }
        }
    }

    /** Reads {@code connections} of an instance's {@code /health}, -1 when it does not answer. */
    private static int health(LoadClients clients, RelayProcess relay) {
        try {
            return JSON.readTree(clients.request("GET", relay.url() + "/health", null).body()).path("connections").asInt(-1);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads the options, with their defaults.
     *
     * @param args the command line
     * @return each option's value
     * @throws IllegalArgumentException naming an unknown option, one without value, or a value that is not a number
     */
    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>(Map.of("--clients", "10000", "--operations", "100", "--doc-bytes", "300000",
                "--instances", "3", "--bytes-per-second", "3000000", "--max-concurrent", "34", "--buffer-size", "16384",
                "--connect-in-flight", "200", "--timeout-seconds", "300", "--relay-heap", "512m"));
        o.put("--warmup-clients", "600");
        o.put("--warmup-operations", "30");
        o.put("--redis", System.getenv().getOrDefault("CHUNKING_REDIS_URL", "redis://127.0.0.1:6379"));
        for (int i = 0; i < args.length; i += 2) {
            if (!o.containsKey(args[i]) && !"--docs".equals(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            o.put(args[i], args[i + 1]);
        }
        for (String n : List.of("--clients", "--operations", "--doc-bytes", "--instances", "--bytes-per-second", "--max-concurrent",
                "--buffer-size", "--connect-in-flight", "--timeout-seconds", "--warmup-clients", "--warmup-operations")) {
            if (number(o, n) < (n.equals("--clients") || n.equals("--bytes-per-second") || n.startsWith("--warmup") ? 0 : 1)) {
                throw new IllegalArgumentException(n + " is out of range: " + o.get(n) + "; " + USAGE);
            }
        }
        return o;
    }

    private static int number(Map<String, String> o, String name) {
        try {
            return Integer.parseInt(o.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + o.get(name) + "\"", e);
        }
    }

    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocketChannel> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ServerSocketChannel s = ServerSocketChannel.open();
                sockets.add(s);
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                ports.add(((InetSocketAddress) s.getLocalAddress()).getPort());
            }
            return ports;
        } finally {
            for (ServerSocketChannel s : sockets) {
                s.close();
            }
        }
    }

    private static void deleteKeys(String uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    c.sync().unlink(page.getKeys().toArray(new String[0]));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RuntimeException e) {
            System.err.println("relay-load: could not delete the run's Redis keys " + prefix + "*: " + e);
        } finally {
            client.shutdown();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
