package dev.chunking.examples.relay.hub;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.progress.OperationState;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * What the hub knows of one operation: the run it is in, its latest event, and the events of that
 * run it still holds (at most {@code capacity} of the latest, without a hole). Confined to the
 * hub's thread.
 */
final class OperationLog {
    /** One event held, with its message text written once. */
    record Entry(long sequence, String message) {
    }

    private final OperationId operation;
    private final int capacity;
    private final ArrayDeque<Entry> events = new ArrayDeque<>();
    private String epoch;
    private ProgressEvent last;
    private boolean fromRunStart;
    private String stateMessage;
    private String skippedStateMessage;

    OperationLog(OperationId operation, int capacity) {
        this.operation = operation;
        this.capacity = capacity;
    }

    /**
     * Takes the next event of the operation.
     *
     * @return true when the log changed (false for an event it already has)
     */
    boolean add(String runEpoch, ProgressEvent event) {
        if (runEpoch.equals(epoch) && event.sequence() <= last.sequence()) {
            return false;
        }
        if (!runEpoch.equals(epoch) || event.sequence() != last.sequence() + 1) {
            // a new run, or a gap the subscriber did not fill: start over from this event
            events.clear();
            epoch = runEpoch;
            fromRunStart = startsRun(event);
            if (!fromRunStart) {
                last = event;
                stateMessage = null;
                skippedStateMessage = null;
                return true;
            }
        }
        if (events.size() == capacity) {
            events.removeFirst();
            fromRunStart = false;
        }
        events.addLast(new Entry(event.sequence(), Messages.event(runEpoch, event)));
        last = event;
        stateMessage = null;
        skippedStateMessage = null;
        return true;
    }

    /**
     * Takes a state in place of events (the operation's state when first heard of, or after
     * events that could not be replayed).
     *
     * @return true when the log changed
     */
    boolean reset(OperationState state) {
        if (state.epoch().equals(epoch) && state.sequence() <= last.sequence()) {
            return false;
        }
        if (state.epoch().equals(epoch) && state.sequence() == last.sequence() + 1 && !state.eventsSkipped()) {
            // the next event itself (a subscriber's first state of an operation this log read from
            // Redis): nothing was missed, so it is an event, not a state
            return add(state.epoch(), state.lastEvent());
        }
        events.clear();
        epoch = state.epoch();
        last = state.lastEvent();
        fromRunStart = false;
        stateMessage = null;
        skippedStateMessage = null;
        return true;
    }

    /**
     * Brings a client from where it stands to this log's latest event: the events it missed when
     * the log holds them and the budget allows, else one state (marked skipped when the client had
     * seen the run: it is told, never left short silently). A client that never saw the operation
     * gets its state, or its first event when that is all there is (a run starting now).
     *
     * @param client the client
     * @param from where the client stands, null when it has not seen the operation
     * @param budget the events that may still be sent in this answer; what is sent is taken from it
     * @return where the client stands now, or {@code from} when nothing was sent
     */
    Position bringUp(Client client, Position from, Budget budget) {
        if (last == null) {
            return from;
        }
        Position now = new Position(epoch, last.sequence());
        if (from != null && from.epoch().equals(epoch)) {
            long missed = last.sequence() - from.sequence();
            if (missed <= 0) {
                return from;
            }
            if (holdsAfter(from.sequence()) && budget.take(missed)) {
                sendAfter(client, from.sequence());
            } else {
                client.send(state(true));
            }
        } else if (fromRunStart && events.size() == 1 && budget.take(1)) {
            sendAfter(client, 0); // a run that just started: its first event
        } else {
            client.send(state(from != null));
        }
        return now;
    }

    /** Whether the log holds every event numbered after {@code sequence}. */
    private boolean holdsAfter(long sequence) {
        return !events.isEmpty() && events.peekFirst().sequence() <= sequence + 1;
    }

    /** Sends the held events numbered after {@code sequence}, oldest first; walks only those, from the newest back. */
    private void sendAfter(Client client, long sequence) {
        ArrayDeque<String> missed = new ArrayDeque<>();
        for (Iterator<Entry> it = events.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.sequence() <= sequence) {
                break;
            }
            missed.addFirst(e.message());
        }
        for (String message : missed) {
            if (!client.send(message)) {
                return;
            }
        }
    }

    private String state(boolean skipped) {
        if (skipped) {
            if (skippedStateMessage == null) {
                skippedStateMessage = Messages.state(epoch, last, true);
            }
            return skippedStateMessage;
        }
        if (stateMessage == null) {
            stateMessage = Messages.state(epoch, last, false);
        }
        return stateMessage;
    }

    /** Whether the operation's latest event ends its run. */
    boolean finished() {
        return last != null && OperationState.statusAfter(last.kind()).isTerminal();
    }

    OperationId operation() {
        return operation;
    }

    static boolean startsRun(ProgressEvent event) {
        return event.sequence() == 1 || event.kind() == ProgressEvent.Kind.STARTED;
    }
}
