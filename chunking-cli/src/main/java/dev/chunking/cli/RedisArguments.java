package dev.chunking.cli;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationId;
import dev.chunking.redis.RedisSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code chunk --redis URL --operation ID [--collection ID] FILE} (publish the run's
 * progress through Redis) and of {@code chunk watch --redis URL --operation ID}. They are taken out of
 * the command line before the store options and {@link Arguments} see the rest. Immutable.
 *
 * @param url the Redis server, {@code redis://HOST:PORT} (or {@code rediss://} for TLS)
 * @param operation the operation whose progress is published or watched
 * @param collection the collection of the events of a run without {@code --store}; empty for the default one
 * @param prefix the prefix of every key, {@code chunking:} unless {@code --redis-prefix} is given
 */
record RedisArguments(String url, OperationId operation, Optional<CollectionId> collection, String prefix) {
    /** The option that names the Redis server. */
    static final String REDIS = "--redis";
    /** The option that names the operation. */
    static final String OPERATION = "--operation";
    /** The option that sets the key prefix (tests use one of their own). */
    static final String PREFIX = "--redis-prefix";
    /** The key prefix unless {@code --redis-prefix} is given: {@link RedisSettings}' default. */
    static final String DEFAULT_PREFIX = "chunking:";
    /** How long one Redis command may take: short, so an unreachable server is reported quickly. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final String EXAMPLE_URL = "redis://127.0.0.1:6379";

    /** The usage text of the Redis options and the watch command, for {@code --help}. */
    static final String USAGE = String.join("\n",
            "Redis (chunking-redis):",
            "       chunk --redis URL --operation ID [--collection ID] [OPTIONS] FILE",
            "                                    publish the run's progress events under operation ID (one FILE)",
            "       chunk watch --redis URL --operation ID",
            "                                    print the operation's state, then one line per event until it",
            "                                    ends; waits for a run not started yet",
            "  --redis URL            the server, e.g. " + EXAMPLE_URL,
            "  --operation ID         the operation id the events are published under and watched by",
            "  --collection ID        without --store: the collection of the events (default: default)",
            "  --redis-prefix P       the prefix of every key (default " + DEFAULT_PREFIX + ")",
            "  A URL that is not redis:// or rediss:// exits 2; a server that cannot be reached exits 1, each",
            "  with one line on stderr.");

    /**
     * A command line split in two: the Redis options, if {@code --redis} was given, and the rest.
     *
     * @param redis the Redis options
     * @param rest the other arguments, in order
     */
    record Split(Optional<RedisArguments> redis, List<String> rest) {
        Split {
            rest = List.copyOf(rest);
        }
    }

    /**
     * Takes the Redis options out of a command line. Arguments after {@code --} are files and stay.
     * {@code --collection} is taken only when {@code --store} is absent (with it, it names the store's collection).
     *
     * @param args the command line
     * @return the Redis options and the other arguments
     * @throws UsageException if a Redis option is given without {@code --redis}, or lacks or has a bad value
     */
    static Split split(List<String> args) {
        int end = args.indexOf("--");
        List<String> options = args.subList(0, end < 0 ? args.size() : end);
        if (!options.contains(REDIS)) {
            for (String option : List.of(OPERATION, PREFIX)) {
                if (options.contains(option)) {
                    throw new UsageException(option + " needs " + REDIS + " URL; give the server, e.g. " + REDIS + " " + EXAMPLE_URL);
                }
            }
            return new Split(Optional.empty(), args);
        }
        boolean store = options.contains(StoreArguments.STORE);
        String url = null;
        String operation = null;
        String collection = null;
        String prefix = DEFAULT_PREFIX;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (end >= 0 && i >= end) {
                rest.add(arg);
                continue;
            }
            if (arg.equals(REDIS)) {
                url = value(args, ++i, arg);
            } else if (arg.equals(OPERATION)) {
                operation = value(args, ++i, arg);
            } else if (arg.equals(PREFIX)) {
                prefix = value(args, ++i, arg);
            } else if (arg.equals(StoreArguments.COLLECTION) && !store) {
                collection = value(args, ++i, arg);
            } else {
                rest.add(arg);
            }
        }
        if (url == null) { // "--operation --redis URL": the option was taken as another one's value
            throw new UsageException(REDIS + " needs a value; see chunk --help");
        }
        if (!(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new UsageException(REDIS + " " + StoreArguments.shown(url) + " is not a redis:// or rediss:// URL; give e.g. "
                    + REDIS + " " + EXAMPLE_URL);
        }
        if (operation == null) {
            throw new UsageException(REDIS + " needs " + OPERATION + " ID, the operation to publish or watch; give e.g. "
                    + OPERATION + " nightly-42");
        }
        if (prefix.isEmpty()) {
            throw new UsageException(PREFIX + " must not be empty; leave it out for " + DEFAULT_PREFIX);
        }
        OperationId id;
        try {
            id = OperationId.of(operation);
        } catch (InvalidOptionsException e) {
            throw new UsageException(OPERATION + " " + StoreArguments.shown(operation) + " cannot be an operation id: "
                    + e.getMessage());
        }
        Optional<CollectionId> events;
        try {
            events = Optional.ofNullable(collection).map(CollectionId::of);
        } catch (InvalidOptionsException e) {
            throw new UsageException(StoreArguments.COLLECTION + " " + StoreArguments.shown(collection)
                    + " cannot be a collection id: " + e.getMessage());
        }
        return new Split(Optional.of(new RedisArguments(url, id, events, prefix)), rest);
    }

    /**
     * The settings of the publisher, the subscriber and the state reader.
     *
     * @return the settings: this server and prefix, a short command timeout
     * @throws UsageException if the URL is refused by {@link RedisSettings}
     */
    RedisSettings settings() {
        try {
            return RedisSettings.builder(url).keyPrefix(prefix).commandTimeout(COMMAND_TIMEOUT).build();
        } catch (InvalidOptionsException e) {
            throw new UsageException(REDIS + " " + StoreArguments.shown(url) + ": " + e.getMessage());
        }
    }

    /**
     * Refuses the Redis options for a command other than {@code chunk FILE} with one FILE.
     *
     * @param command the command {@link Arguments} parsed
     * @param files the FILE arguments
     * @throws UsageException for {@code preview}, {@code compare}, {@code strategies}, or several files
     */
    void check(String command, List<String> files) {
        if (command.equals("help")) {
            return;
        }
        if (!command.equals("chunk")) {
            throw new UsageException(REDIS + " does not apply to '" + command + "'; it is for 'chunk FILE' and 'chunk watch'");
        }
        if (files.size() != 1) {
            throw new UsageException(OPERATION + " names the run of one FILE, got " + files.size() + "; run each file with an"
                    + " operation id of its own");
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).equals("--")) {
            throw new UsageException(option + " needs a value; see chunk --help");
        }
        return args.get(i);
    }
}
