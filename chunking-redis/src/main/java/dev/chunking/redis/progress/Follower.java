package dev.chunking.redis.progress;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.progress.internal.ProgressJson.Published;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows one operation for one handler: hands the state first, then each event once and in order;
 * fills a gap (a sequence number jumped, the connection came back, a periodic look at the state)
 * from the replay stream, or, when the stream no longer holds the missing events, hands the
 * current state marked {@code eventsSkipped}. Confined to the subscriber's worker thread.
 */
final class Follower {
    /** Where the follower reads what it missed. */
    interface Store {
        /**
         * @param operation the operation
         * @return its last state, if any
         */
        Optional<Published> state(OperationId operation);

        /**
         * @param operation the operation
         * @return the events its replay stream holds, oldest first
         */
        List<Published> replay(OperationId operation);

        /**
         * Reads the last states of several operations; one command where the store can.
         *
         * @param operations the operations
         * @return each one's last state, empty when it has none
         */
        default Map<OperationId, Optional<Published>> states(List<OperationId> operations) {
            Map<OperationId, Optional<Published>> states = new HashMap<>();
            for (OperationId op : operations) {
                states.put(op, state(op));
            }
            return states;
        }
    }

    private final OperationId operation;
    private final ProgressSubscriber.Handler handler;
    private final Store store;
    private String epoch;
    private long last;
    private boolean finished;
    private boolean started;
    private int finishedChecks;
    private boolean heardSinceCheck;

    Follower(OperationId operation, ProgressSubscriber.Handler handler, Store store) {
        this.operation = operation;
        this.handler = handler;
        this.store = store;
    }

    /**
     * Starts from the run's first event, without a state first: for an operation first heard of by
     * an event that starts its run.
     */
    void startAtRunStart() {
        started = true;
    }

    /**
     * Whether an event starts a run.
     *
     * @param p the event
     * @return true for a first event or a {@code STARTED}
     */
    static boolean startsRun(Published p) {
        return p.event().sequence() == 1 || p.event().kind() == ProgressEvent.Kind.STARTED;
    }

    /** Hands the current state, once, if there is one. */
    void start() {
        if (started) {
            return;
        }
        Optional<Published> state = store.state(operation);
        started = true;
        state.ifPresent(s -> handState(OperationState.of(s.epoch(), s.event())));
    }

    /**
     * Takes an event that came on a channel.
     *
     * @param published the event
     */
    void onMessage(Published published) {
        heardSinceCheck = true;
        start();
        long sequence = published.event().sequence();
        if (published.epoch().equals(epoch)) {
            if (sequence <= last) {
                return;
            }
            if (sequence == last + 1) {
                handEvent(published);
                return;
            }
        }
        catchUp();
    }

    /** @return the operation followed */
    OperationId operation() {
        return operation;
    }

    /**
     * Counts the checks that found the followed run finished.
     *
     * @return how many checks in a row found it finished, this one included
     */
    int finishedChecks() {
        finishedChecks = finished ? finishedChecks + 1 : 0;
        return finishedChecks;
    }

    /**
     * Whether the periodic check should look at this operation: only when no message of it came
     * since the previous check. An operation whose events flow needs no look (a jump in its
     * sequence numbers is caught as it arrives), and skipping it keeps the subscriber's one thread
     * free for live messages: with a hundred busy operations, a read of each one's state and
     * stream every second delayed live events by hundreds of milliseconds.
     *
     * @return true when nothing was heard of the operation since the last call
     */
    boolean quietSinceLastCheck() {
        boolean quiet = !heardSinceCheck;
        heardSinceCheck = false;
        return quiet;
    }

    /** Compares with the last state and delivers whatever was missed. */
    void catchUp() {
        start();
        catchUp(store.state(operation));
    }

    /**
     * Compares with a last state already read (the periodic check reads the states of many
     * operations in one command) and delivers whatever was missed.
     *
     * @param found the operation's last state, empty when it has none
     */
    void catchUp(Optional<Published> found) {
        start();
        if (found.isEmpty()) {
            return;
        }
        Published state = found.get();
        long target = state.event().sequence();
        if (state.epoch().equals(epoch) && target <= last) {
            return;
        }
        List<Published> stream = store.replay(operation);
        List<Published> missed = new ArrayList<>();
        boolean whole;
        if (state.epoch().equals(epoch)) {
            whole = run(stream, epoch, last, target, missed);
        } else {
            boolean oldTail = epoch == null || finished || tail(stream, missed);
            List<Published> fresh = new ArrayList<>();
            Published first = stream.stream().filter(p -> p.epoch().equals(state.epoch())).findFirst().orElse(null);
            whole = oldTail && first != null && startsRun(first)
                    && run(stream, state.epoch(), first.event().sequence() - 1, target, fresh);
            missed.addAll(fresh);
        }
        if (whole) {
            missed.forEach(this::handEvent);
        } else {
            handState(OperationState.of(state.epoch(), state.event()).skipped());
        }
    }

    /**
     * Collects the events of a run numbered after {@code from} up to {@code to}, in the order of
     * their numbers (two events can reach the stream out of order around a reconnection); true if
     * none is missing.
     */
    private static boolean run(List<Published> stream, String epoch, long from, long to, List<Published> into) {
        List<Published> ofRun = new ArrayList<>();
        for (Published p : stream) {
            if (p.epoch().equals(epoch) && p.event().sequence() > from && p.event().sequence() <= to) {
                ofRun.add(p);
            }
        }
        ofRun.sort(Comparator.comparingLong(p -> p.event().sequence()));
        long next = from + 1;
        for (Published p : ofRun) {
            if (p.event().sequence() < next) {
                continue;
            }
            if (p.event().sequence() != next) {
                break;
            }
            into.add(p);
            next++;
        }
        return next == to + 1;
    }

    /**
     * Collects the rest of the run followed so far; true if nothing of it the stream holds is
     * missing (a run that stopped without a final event, as after a crash, has no more).
     */
    private boolean tail(List<Published> stream, List<Published> into) {
        long highest = last;
        for (Published p : stream) {
            if (p.epoch().equals(epoch)) {
                highest = Math.max(highest, p.event().sequence());
            }
        }
        return run(stream, epoch, last, highest, into);
    }

    private void handEvent(Published p) {
        epoch = p.epoch();
        last = p.event().sequence();
        finished = OperationState.statusAfter(p.event().kind()).isTerminal();
        handler.onEvent(p.epoch(), p.event());
    }

    private void handState(OperationState state) {
        epoch = state.epoch();
        last = state.sequence();
        finished = state.status().isTerminal();
        handler.onState(state);
    }
}
