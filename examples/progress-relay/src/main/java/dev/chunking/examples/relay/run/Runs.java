package dev.chunking.examples.relay.run;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.RateLimit;
import dev.chunking.examples.relay.config.RelaySettings;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.progress.RedisProgressPublisher;
import dev.chunking.redis.ratelimit.RedisRateLimiter;
import dev.chunking.spi.DocumentSource;
import dev.chunking.spi.RateLimiter;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.guard.PathGuard;
import dev.chunking.streaming.operation.ChunkingOperations;
import dev.chunking.streaming.operation.Operation;
import dev.chunking.streaming.operation.OperationOptions;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.streaming.operation.QueueFullException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the chunking of one relay instance. Each document is chunked by the library's
 * {@link ChunkingOperations} (at most {@link RelaySettings#maxConcurrent()} at once, the rest
 * waiting), its progress published through Redis by a {@link RedisProgressPublisher} (so every
 * instance relays it), its read rate shared with every instance through a {@link RedisRateLimiter}
 * when one is set, and a preview of its first chunks kept in Redis for an hour. A cancel request
 * goes through a Redis channel to whichever instance runs the operation. Thread-safe; close it to
 * stop the operations and release the connections.
 */
public final class Runs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);
    private static final long PREVIEW_SECONDS = 3600;
    private static final long RESERVATION_SECONDS = 86_400;

    private final RelaySettings settings;
    private final StrategyRegistry registry = StrategyRegistry.load();
    private final Optional<PathGuard> guard;
    private final Path uploads;
    private final RedisProgressPublisher publisher;
    private final RateLimiter limiter;
    private final ChunkingOperations operations;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> cancels;
    private final Set<OperationId> reserved = ConcurrentHashMap.newKeySet();
    private final Map<OperationId, Operation> running = new ConcurrentHashMap<>();

    /**
     * Connects to Redis and starts the operation service.
     *
     * @param settings the relay's settings
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     * @throws UncheckedIOException if the upload folder cannot be made
     */
    public Runs(RelaySettings settings) {
        this.settings = settings;
        this.guard = settings.baseDirectory().map(PathGuard::of);
        try {
            this.uploads = Files.createTempDirectory("relay-uploads-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for uploads in " + System.getProperty("java.io.tmpdir"), e);
        }
        RedisSettings redis = RedisSettings.builder(settings.redisUri()).keyPrefix(settings.redisPrefix()).build();
        RedisProgressPublisher progress = null;
        RateLimiter rate = RateLimiter.UNLIMITED;
        ChunkingOperations service = null;
        RedisClient redisClient = null;
        try {
            progress = RedisProgressPublisher.create(redis);
            rate = settings.bytesPerSecond() == 0 ? RateLimiter.UNLIMITED
                    : RedisRateLimiter.builder(redis, RateLimit.perSecond(settings.bytesPerSecond(),
                            Math.max(settings.bytesPerSecond(), settings.bufferSize()))).build();
            service = ChunkingOperations.builder().maxConcurrent(settings.maxConcurrent()).maxQueued(10_000).rateLimiter(rate).build();
            redisClient = RedisClient.create(settings.redisUri());
            this.commands = redisClient.connect();
            this.cancels = redisClient.connectPubSub();
            cancels.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    cancelHere(message);
                }
            });
            cancels.sync().subscribe(cancelChannel());
            awaitPublisher(progress);
        } catch (RuntimeException e) { // Redis away: release what was opened
            closeAll(service, rate instanceof RedisRateLimiter r ? r : null, progress, redisClient == null ? null : redisClient::shutdown);
            deleteQuietly(uploads);
            throw e;
        }
        this.publisher = progress;
        this.limiter = rate;
        this.operations = service;
        this.client = redisClient;
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.warn("could not release {} after a failed start: {}", r, e.toString());
                }
            }
        }
    }

    /** The publisher drops events until its first connection: wait for it, so no run starts unheard. */
    private void awaitPublisher(RedisProgressPublisher progress) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!progress.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the progress publisher could not connect to Redis at " + settings.redisUri()
                        + " within 10 s; check that Redis runs there (--redis)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting to Redis", e);
            }
        }
    }

    /**
     * Chunks a file under the relay's base directory.
     *
     * @param path the file, relative to the base directory
     * @param options the strategy and sizes
     * @return the operation's id
     * @throws RelayRequestException when the relay has no base directory (400), or the operation id is in use (409),
     *     or too many wait (503)
     * @throws dev.chunking.streaming.guard.PathRefusedException when the path guard refuses the path
     * @throws dev.chunking.domain.ChunkingException when the strategy or options are refused
     */
    public OperationId chunkFile(String path, RunOptions options) {
        PathGuard g = guard.orElseThrow(() -> new RelayRequestException(400,
                "this relay chunks uploads only: start it with --base-dir DIR to chunk files by name"));
        return start(g.source(path), DocumentId.of(path), options, () -> { });
    }

    /**
     * Chunks an upload: stores it in a file of its own (refused past {@link RelaySettings#maxUploadBytes()}),
     * chunks it, and deletes it when the run ends.
     *
     * @param name the document's name
     * @param body the bytes
     * @param options the strategy and sizes
     * @return the operation's id
     * @throws RelayRequestException (413) for an upload too large, and as {@link #chunkFile}
     * @throws IOException if the upload cannot be read or stored
     */
    public OperationId chunkUpload(String name, InputStream body, RunOptions options) throws IOException {
        DocumentId document = DocumentId.of(name);
        Chunking chunking = chunking(options); // refuse bad options before reading the body
        Path file = Uploads.store(body, uploads, settings.maxUploadBytes());
        try {
            return start(ByteSource.file(file), document, chunking, options, () -> deleteQuietly(file));
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private OperationId start(DocumentSource source, DocumentId document, RunOptions options, Runnable cleanup) {
        return start(source, document, chunking(options), options, cleanup);
    }

    private Chunking chunking(RunOptions options) {
        return Chunking.of(registry, options.strategy(),
                ChunkingOptions.builder().maxSize(options.maxSize()).overlap(options.overlap()).build());
    }

    private OperationId start(DocumentSource source, DocumentId document, Chunking chunking, RunOptions options, Runnable cleanup) {
        OperationId id = options.operation().orElseGet(OperationId::generate);
        PreviewSink sink = new PreviewSink(id, json -> commands.async().setex(previewKey(id), PREVIEW_SECONDS, json));
        OperationRequest request = OperationRequest.builder(settings.collection(), document, chunking, source, sink)
                .id(id)
                .listener(publisher)
                .options(OperationOptions.builder().bufferSize(settings.bufferSize()).progressInterval(settings.progressInterval()).build())
                .build();
        if (!reserved.add(id)) {
            throw new RelayRequestException(409, "operation " + id.value() + " is running on this relay; choose another id");
        }
        // one run of an id at a time on all instances: the reservation lives in Redis (a day at most,
        // should this instance die with it)
        if (commands.sync().set(runningKey(id), settings.instance(), SetArgs.Builder.nx().ex(RESERVATION_SECONDS)) == null) {
            reserved.remove(id);
            String holder = Optional.ofNullable(commands.sync().get(runningKey(id))).orElse("another relay");
            throw new RelayRequestException(409, "operation " + id.value() + " is running on " + holder + "; choose another id");
        }
        Operation op;
        try {
            op = operations.submit(request);
        } catch (RuntimeException e) {
            release(id);
            throw e instanceof QueueFullException ? new RelayRequestException(503, e.getMessage()) : e;
        }
        running.put(id, op);
        op.completion().whenComplete((result, failure) -> {
            try {
                sink.flush();
            } finally {
                running.remove(id);
                release(id);
                cleanup.run();
            }
        });
        return id;
    }

    /**
     * Asks whichever instance runs the operation to cancel it.
     *
     * @param operation the operation
     */
    public void requestCancel(OperationId operation) {
        commands.async().publish(cancelChannel(), operation.value());
    }

    /**
     * Reads the preview of an operation's first chunks.
     *
     * @param operation the operation
     * @return the preview's JSON, empty until the first chunks exist (or after an hour)
     */
    public Optional<String> preview(OperationId operation) {
        return Optional.ofNullable(commands.sync().get(previewKey(operation)));
    }

    /** @return the operations running or waiting on this instance */
    public int running() {
        return reserved.size();
    }

    private void cancelHere(String id) {
        Operation op = running.get(OperationId.of(id));
        if (op != null) {
            op.cancel();
        }
    }

    private void release(OperationId id) {
        reserved.remove(id);
        try {
            commands.async().del(runningKey(id));
        } catch (RuntimeException e) {
            LOG.warn("could not release the reservation of {} in Redis (it expires within a day): {}", id.value(), e.toString());
        }
    }

    private String runningKey(OperationId id) {
        return settings.redisPrefix() + "relay-running:" + id.value();
    }

    private String previewKey(OperationId id) {
        return settings.redisPrefix() + "relay-preview:" + id.value();
    }

    private String cancelChannel() {
        return settings.redisPrefix() + "relay-cancel";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the upload {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        running.values().forEach(Operation::cancel); // the service's close cancels the waiting ones
        operations.close();
        cancels.close();
        commands.close();
        client.shutdown();
        if (limiter instanceof RedisRateLimiter r) {
            r.close();
        }
        publisher.close();
        deleteQuietly(uploads); // empty once every run ended (an upload still held by a run is left to the temp folder)
    }
}
