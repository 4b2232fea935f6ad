package dev.chunking.cli;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.progress.RedisOperationStates;
import dev.chunking.redis.progress.RedisProgressPublisher;
import dev.chunking.spi.ProgressListener;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamResult;
import dev.chunking.streaming.operation.ChunkingOperations;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.streaming.operation.OperationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run of {@code chunk --redis URL --operation ID FILE}: the same run as without the options,
 * with a {@link RedisProgressPublisher} as its progress listener, under the operation id given.
 * Opening it checks that Redis answers (else one line, exit 1); closing it waits for the final event
 * to be handed to the publisher and for the publisher to send everything, so a watcher sees the
 * operation end. Not thread-safe.
 */
final class PublishedRun implements AutoCloseable {
    /** How long closing waits for the final event, then for the publisher to send it. */
    private static final long FLUSH_MILLIS = 5000;

    private final RedisArguments redis;
    private final RedisProgressPublisher publisher;
    private final PrintStream stderr;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final ProgressListener listener;
    /** Whether a run returned its result, so its final event was handed to the delivery. */
    private boolean ran;

    private PublishedRun(RedisArguments redis, RedisProgressPublisher publisher, PrintStream stderr) {
        this.redis = redis;
        this.publisher = publisher;
        this.stderr = stderr;
        this.listener = event -> {
            publisher.onEvent(event);
            if (event.kind() == ProgressEvent.Kind.COMPLETED || event.kind() == ProgressEvent.Kind.FAILED
                    || event.kind() == ProgressEvent.Kind.CANCELLED) {
                ended.countDown();
            }
        };
    }

    /**
     * Checks that Redis answers, then starts a publisher.
     *
     * @param redis the Redis options
     * @param stderr where a warning about dropped events goes
     * @return the run's publisher
     * @throws RedisUnreachableException if Redis does not answer
     */
    static PublishedRun open(RedisArguments redis, PrintStream stderr) {
        RedisSettings settings = redis.settings();
        reachable(redis, settings);
        return new PublishedRun(redis, RedisProgressPublisher.create(settings), stderr);
    }

    /**
     * Connects and reads the operation's state once, turning a failure into one line.
     *
     * @param redis the Redis options, for the message
     * @param settings the settings
     * @throws RedisUnreachableException if Redis does not answer within the command timeout
     */
    static void reachable(RedisArguments redis, RedisSettings settings) {
        try (RedisOperationStates states = RedisOperationStates.connect(settings)) {
            states.state(redis.operation());
        } catch (RuntimeException e) {
            throw unreachable(redis, e);
        }
    }

    /**
     * The one-line failure of a server that does not answer.
     *
     * @param redis the Redis options, for the URL
     * @param e what the client threw
     * @return the exception, which the CLI reports with exit status 1
     */
    static RedisUnreachableException unreachable(RedisArguments redis, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
        return new RedisUnreachableException("cannot reach Redis at " + StoreArguments.shown(redis.url()) + ": "
                + why.replaceAll("\\R\\s*", " ") + "; check that the server runs and the URL", e);
    }

    /**
     * Runs one document as {@link dev.chunking.streaming.StreamingChunker} does, publishing its events.
     *
     * @param chunking the strategy and options
     * @param target the collection, sink, checkpoint store and options of the run
     * @param document the document id
     * @param source the bytes
     * @return what the run did
     * @throws IOException if reading fails
     */
    StreamResult run(Chunking chunking, Main.RunTarget target, DocumentId document, ByteSource source) throws IOException {
        OperationRequest.Builder request = OperationRequest.builder(redis.collection().orElse(target.collection()), document,
                        chunking, source, target.sink())
                .id(redis.operation()).listener(listener)
                .checkpointAttributes(target.attributes() == null ? Map::of : target.attributes()).options(target.options());
        if (target.store() != null) {
            request.checkpoints(target.store());
        }
        OperationResult result;
        try (ChunkingOperations here = ChunkingOperations.builder().executor(Runnable::run).maxConcurrent(1).build()) {
            result = here.run(request.build());
        }
        ran = true;
        result.throwFailure();
        return new StreamResult(result.bytes(), result.chunks(), result.replacements(), result.resumedFrom(), result.checkpoints());
    }

    /** Waits for the final event and for the publisher to send it, then closes the publisher. */
    @Override
    public void close() {
        try {
            if (!ran || ended.await(FLUSH_MILLIS, TimeUnit.MILLISECONDS)) {
                publisher.awaitSent(FLUSH_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            publisher.close();
        }
        if (publisher.dropped() > 0) {
            stderr.println("chunk: warning: " + publisher.dropped() + " progress events of operation " + redis.operation()
                    + " could not be sent to Redis at " + StoreArguments.shown(redis.url()) + "; the chunks are not affected");
        }
    }

    /** Redis cannot be reached; the CLI exits with status 1. */
    static final class RedisUnreachableException extends ChunkingException {
        private static final long serialVersionUID = 1L;

        RedisUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
