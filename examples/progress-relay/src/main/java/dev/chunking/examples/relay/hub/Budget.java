package dev.chunking.examples.relay.hub;

/**
 * How many events one answer may still send: a client that comes back after missing more gets a
 * state instead, so an answer never floods its send queue. Confined to the hub's thread.
 */
final class Budget {
    /** No limit: a live event is one message. */
    static final Budget UNLIMITED = new Budget(Long.MAX_VALUE);

    private long left;

    Budget(long events) {
        this.left = events;
    }

    /**
     * Takes {@code events} from the budget if it holds them.
     *
     * @return true when taken
     */
    boolean take(long events) {
        if (events > left) {
            return false;
        }
        if (left != Long.MAX_VALUE) {
            left -= events;
        }
        return true;
    }
}
