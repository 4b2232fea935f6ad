package dev.chunking.redis.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.progress.internal.ProgressJson.Published;
import dev.chunking.redis.progress.internal.ProgressJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bookkeeping of one followed operation, against a store in memory. */
class FollowerTest {
    private final OperationId op = OperationId.generate();
    private final List<Published> stream = new ArrayList<>();
    private Published state;
    private final Recorder recorder = new Recorder();
    private final Follower follower = new Follower(op, recorder, new Follower.Store() {
        @Override
        public Optional<Published> state(OperationId operation) {
            return Optional.ofNullable(state);
        }

        @Override
        public List<Published> replay(OperationId operation) {
            return List.copyOf(stream);
        }
    });

    private Published write(String epoch, long sequence, long last) {
        Published p = new Published(epoch, Recorder.event(op, sequence, last));
        stream.add(p);
        state = p;
        return p;
    }

    @Test
    void dropsDuplicatesAndFillsAJumpFromTheStream() {
        for (long n = 1; n <= 3; n++) {
            follower.onMessage(write("e1", n, 10));
        }
        follower.onMessage(new Published("e1", Recorder.event(op, 2, 10)));
        write("e1", 4, 10);
        write("e1", 5, 10);
        follower.onMessage(write("e1", 6, 10));
        Recorder.assertEveryOnce(recorder.deliveries(), 1, 6);
    }

    @Test
    void handsTheStateMarkedSkippedWhenTheStreamNoLongerHoldsTheGap() {
        follower.onMessage(write("e1", 1, 10));
        write("e1", 2, 10);
        stream.clear();
        follower.onMessage(write("e1", 3, 10));
        follower.onMessage(write("e1", 4, 10));
        List<Recorder.Delivery> got = recorder.deliveries();
        assertThat(got).extracting(Recorder.Delivery::sequence).containsExactly(1L, 3L, 4L);
        assertThat(got.get(1).state().eventsSkipped()).isTrue();
    }

    @Test
    void followsARestartedRunFromItsFirstEvent() {
        follower.start();
        for (long n = 1; n <= 3; n++) {
            follower.onMessage(write("e1", n, 3));
        }
        write("e2", 1, 3);
        follower.onMessage(write("e2", 2, 3));
        Recorder.assertEveryOnce(recorder.deliveries().subList(0, 3), 1, 3);
        Recorder.assertEveryOnce(recorder.deliveries().subList(3, 5), 1, 2);
    }

    @Test
    void notesAMissedFinalEventOnACheck() {
        follower.onMessage(write("e1", 1, 2));
        write("e1", 2, 2);
        follower.catchUp();
        assertThat(follower.finishedChecks()).isEqualTo(1);
        Recorder.assertEveryOnce(recorder.deliveries(), 1, 2);
    }

    @Test
    void thePeriodicCheckLooksOnlyAtAnOperationThatWasQuietSinceTheLastOne() {
        assertThat(follower.quietSinceLastCheck()).isTrue();
        follower.onMessage(write("e1", 1, 3));
        assertThat(follower.quietSinceLastCheck()).isFalse(); // its events flow: no read of Redis
        assertThat(follower.quietSinceLastCheck()).isTrue();  // quiet for a whole interval: look
        write("e1", 2, 3);
        write("e1", 3, 3); // the final event's message was lost
        follower.catchUp();
        Recorder.assertEveryOnce(recorder.deliveries(), 1, 3);
    }

    @Test
    void replaysEventsThatReachedTheStreamOutOfOrderInTheOrderOfTheirNumbers() {
        follower.onMessage(write("e1", 1, 10));
        Published third = write("e1", 3, 10);
        write("e1", 2, 10);
        state = third;
        follower.onMessage(third);
        Recorder.assertEveryOnce(recorder.deliveries(), 1, 3);
    }

    @Test
    void followsARunResumedAfterACrashWithoutCallingItSkipped() {
        follower.onMessage(write("e1", 1, 100));
        follower.onMessage(write("e1", 2, 100));
        Published resumed = new Published("e2", Recorder.event(op, CollectionId.of("c"), 3, ProgressEvent.Kind.STARTED));
        stream.add(resumed);
        state = resumed;
        follower.onMessage(resumed);
        Recorder.assertEveryOnce(recorder.deliveries(), 1, 3);
    }

    @Test
    void readsBackEveryFieldOfAnEvent() {
        Published p = new Published("e9", Recorder.event(op, 7, 7));
        assertThat(ProgressJson.read(ProgressJson.write("e9", "COMPLETED", p.event()))).isEqualTo(p);
    }
}
