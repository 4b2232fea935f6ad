package dev.chunking.examples.relay.hub;

/**
 * A connected client as the hub sees it: a place to send messages to. Implementations never block
 * the caller; a client that cannot keep up closes itself. Thread-safe.
 */
public interface Client {
    /**
     * Queues a message for the client.
     *
     * @param message the JSON text
     * @return false when the client is gone or was just disconnected for reading too slowly
     */
    boolean send(String message);
}
