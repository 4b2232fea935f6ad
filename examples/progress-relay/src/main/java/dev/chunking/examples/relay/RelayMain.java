package dev.chunking.examples.relay;

import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.CollectionId;
import dev.chunking.examples.relay.config.RelaySettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one relay instance from the command line and runs it until the process is stopped:
 *
 * <pre>
 * java -jar progress-relay.jar --port 8081 --redis redis://127.0.0.1:6379 --base-dir docs \
 *      --peer http://127.0.0.1:8082 --peer http://127.0.0.1:8083 --instance relay-1
 * </pre>
 *
 * <p>Prints {@code relay NAME listening on URL} once it serves. A bad argument exits with status 2
 * and one line that says what to fix; a start that fails for another reason (the port is taken,
 * Redis does not answer) exits with 1 and one line.
 */
public final class RelayMain {
    static final String USAGE = "usage: relay [--port N] [--host ADDR] [--instance NAME] [--redis URI] [--redis-prefix P] "
            + "[--collection ID] [--base-dir DIR] [--peer URL]... [--max-upload-bytes N] [--send-queue-limit N] "
            + "[--max-concurrent N] [--bytes-per-second N] [--buffer-size N]";

    private RelayMain() {
    }

    /**
     * Runs an instance.
     *
     * @param args the options above
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return;
        }
        RelaySettings settings;
        RelayServer relay;
        try {
            settings = parse(args);
            relay = RelayServer.start(settings);
        } catch (IllegalArgumentException | ChunkingException e) {
            System.err.println("relay: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            // a port in use, Redis away: the environment, not the arguments
            System.err.println("relay: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }, "relay-shutdown"));
        out.println("relay " + settings.instance() + " listening on " + relay.url());
        stopped.await();
    }

    /**
     * Reads the options.
     *
     * @param args the command line
     * @return the settings
     * @throws IllegalArgumentException naming an unknown option or a value that is not a number
     */
    static RelaySettings parse(String[] args) {
        String redis = System.getenv().getOrDefault("CHUNKING_REDIS_URL", "redis://127.0.0.1:6379");
        for (int i = 0; i + 1 < args.length; i++) {
            if ("--redis".equals(args[i])) {
                redis = args[i + 1];
            }
        }
        RelaySettings.Builder b = RelaySettings.builder(redis);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> b.port(number(option, value));
                case "--host" -> b.host(value);
                case "--instance" -> b.instance(value);
                case "--redis" -> { } // read above
                case "--redis-prefix" -> b.redisPrefix(value);
                case "--collection" -> b.collection(CollectionId.of(value));
                case "--base-dir" -> b.baseDirectory(Path.of(value));
                case "--peer" -> b.peer(value);
                case "--max-upload-bytes" -> b.maxUploadBytes(number(option, value));
                case "--send-queue-limit" -> b.sendQueueLimit(number(option, value));
                case "--max-concurrent" -> b.maxConcurrent(number(option, value));
                case "--bytes-per-second" -> b.bytesPerSecond(number(option, value));
                case "--buffer-size" -> b.bufferSize(number(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        return b.build();
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got \"" + value + "\"");
        }
    }
}
