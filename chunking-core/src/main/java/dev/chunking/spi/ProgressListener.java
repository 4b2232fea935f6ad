package dev.chunking.spi;

import dev.chunking.domain.ProgressEvent;

/**
 * Receives the progress events of chunking operations (the {@code ProgressListener} port). The
 * operation service delivers the events of one operation in order, on its own delivery thread,
 * never on the thread that chunks: a listener that is slow delays only later events, and one
 * that throws is counted and logged once per operation while chunking goes on.
 * Implementations need not be thread-safe unless they are shared between services.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every event. */
    ProgressListener NONE = event -> { };

    /**
     * Receives one event.
     *
     * @param event the event
     */
    void onEvent(ProgressEvent event);
}
