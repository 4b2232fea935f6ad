package dev.chunking.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times the calls of one action of a port (a sink's {@code accept}, a store's {@code save}) in
 * two timers registered at once, outcome {@code success} and {@code error}, on the registry's
 * monotonic clock. A call that throws is recorded as an error and its exception passes through
 * unchanged. Immutable and thread-safe.
 */
final class CallTimers {
    private final Clock clock;
    private final Timer success;
    private final Timer error;

    CallTimers(MeterRegistry registry, String name, String action, String description) {
        this.clock = registry.config().clock();
        this.success = timer(registry, name, action, "success", description);
        this.error = timer(registry, name, action, "error", description);
    }

    private static Timer timer(MeterRegistry registry, String name, String action, String outcome, String description) {
        return Timer.builder(name).description(description).tag("action", action).tag("outcome", outcome).register(registry);
    }

    /** Runs and times a call that returns a value. */
    <T> T call(Supplier<T> call) {
        long start = clock.monotonicTime();
        boolean returned = false;
        try {
            T value = call.get();
            returned = true;
            return value;
        } finally {
            (returned ? success : error).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Runs and times a call that returns nothing. */
    void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }
}
