package dev.chunking.spi;

import dev.chunking.domain.ProgressEvent;

/**
 * Receives the progress events of chunking operations (the {@code ProgressListener} port). The
 * operation service delivers the events of one operation in order, one at a time, on its
 * delivery threads, never on the thread that chunks: a listener that is slow delays only the
 * later events of its own operation, and one that throws is counted and logged once per
 * operation while chunking goes on. A listener given to several operations may be called from
 * several threads at once, so it must then be thread-safe.
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
