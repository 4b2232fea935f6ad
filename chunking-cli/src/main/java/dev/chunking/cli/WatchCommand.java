package dev.chunking.cli;

import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.progress.OperationState;
import dev.chunking.redis.progress.ProgressSubscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code chunk watch --redis URL --operation ID}: follows an operation's progress through a
 * {@link ProgressSubscriber} and prints its current state, if it has one, then one line per event,
 * until the operation ends ({@code COMPLETED}, {@code FAILED} or {@code CANCELLED}); exits 0 then.
 * Started before the run, it waits for the first event; started after it, it prints the final state
 * and exits. Each line is {@code #SEQUENCE KIND BYTES[ of TOTAL], N chunks}, e.g.
 * {@code #12 PROGRESS 1.2 MB of 30.0 MB, 1523 chunks}; a state line starts with {@code state } and
 * names the status, a {@code FAILED} line ends with {@code : REASON}.
 */
final class WatchCommand {
    /** The first argument that names this command. */
    static final String NAME = "watch";

    private final StandardOutput stdout;

    WatchCommand(StandardOutput stdout) {
        this.stdout = stdout;
    }

    void run(List<String> args) throws IOException {
        if (args.contains("-h") || args.contains("--help")) {
            stdout.write((RedisArguments.USAGE + "\n").getBytes(StandardCharsets.UTF_8));
            stdout.flush();
            return;
        }
        RedisArguments.Split split = RedisArguments.split(args);
        if (split.redis().isEmpty()) {
            throw new UsageException("'chunk watch' needs " + RedisArguments.REDIS + " URL and " + RedisArguments.OPERATION
                    + " ID; give e.g. chunk watch --redis redis://127.0.0.1:6379 --operation nightly-42");
        }
        if (!split.rest().isEmpty()) {
            throw new UsageException("'chunk watch' takes only --redis URL, --operation ID and --redis-prefix P, not "
                    + StoreArguments.shown(split.rest().get(0)) + "; see chunk --help");
        }
        RedisArguments redis = split.redis().get();
        if (redis.collection().isPresent()) {
            throw new UsageException("'chunk watch' follows one operation: --collection does not apply; remove it");
        }
        RedisSettings settings = redis.settings();
        CountDownLatch ended = new CountDownLatch(1);
        UncheckedIOException[] failed = new UncheckedIOException[1];
        ProgressSubscriber.Handler handler = new ProgressSubscriber.Handler() {
            @Override
            public void onState(OperationState state) {
                print(stateLine(state), state.status() != OperationStatus.RUNNING);
            }

            @Override
            public void onEvent(ProgressEvent event) {
                print(eventLine(event), OperationState.statusAfter(event.kind()) != OperationStatus.RUNNING);
            }

            private void print(String line, boolean last) {
                if (ended.getCount() == 0) {
                    return; // the operation ended: a late duplicate of its end is not printed
                }
                try {
                    stdout.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    stdout.flush();
                } catch (IOException e) {
                    failed[0] = new UncheckedIOException(e);
                    ended.countDown();
                    return;
                }
                if (last) {
                    ended.countDown();
                }
            }
        };
        ProgressSubscriber subscriber;
        try {
            subscriber = ProgressSubscriber.create(settings);
        } catch (RuntimeException e) {
            throw PublishedRun.unreachable(redis, e);
        }
        try (subscriber; ProgressSubscriber.Subscription subscription = subscribe(subscriber, redis, handler)) {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    private static ProgressSubscriber.Subscription subscribe(ProgressSubscriber subscriber, RedisArguments redis,
                                                             ProgressSubscriber.Handler handler) {
        try {
            return subscriber.subscribe(redis.operation(), handler);
        } catch (RuntimeException e) {
            subscriber.close();
            throw PublishedRun.unreachable(redis, e);
        }
    }

    /**
     * The line of a state: {@code state STATUS }, then the line of its last event.
     *
     * @param state the state
     * @return the line
     */
    static String stateLine(OperationState state) {
        return "state " + state.status() + (state.eventsSkipped() ? " (events skipped) " : " ") + eventLine(state.lastEvent());
    }

    /**
     * The line of an event: {@code #12 PROGRESS 1.2 MB of 30.0 MB, 1523 chunks}.
     *
     * @param event the event
     * @return the line
     */
    static String eventLine(ProgressEvent event) {
        StringBuilder line = new StringBuilder().append('#').append(event.sequence()).append(' ').append(event.kind()).append(' ')
                .append(size(event.bytesDone()));
        event.bytesTotal().ifPresent(total -> line.append(" of ").append(size(total)));
        line.append(", ").append(event.chunks()).append(event.chunks() == 1 ? " chunk" : " chunks");
        event.failure().ifPresent(why -> line.append(": ").append(why.replaceAll("\\R\\s*", " ")));
        return line.toString();
    }

    /**
     * A byte count for people: {@code 512 B}, {@code 1.2 kB}, {@code 30.0 MB}, {@code 2.5 GB} (powers of 1000).
     *
     * @param bytes the count
     * @return the text
     */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
