package dev.chunking.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.examples.relay.load.LoadReport;
import dev.chunking.examples.relay.load.LoadRun;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short version of the relay's load test: three instances in this JVM sharing the test Redis,
 * 300 WebSocket clients spread over them, 10 operations.
 */
class ShortLoadIT {

    @Test
    @Timeout(120)
    void threeHundredClientsOverThreeInstancesEachReceiveEveryEventOfTheirOperationOnce() throws Exception {
        try (Relays relays = Relays.start(3, b -> b.maxConcurrent(8).bytesPerSecond(400_000).bufferSize(8192))) {
            List<String> urls = List.of(relays.url(0), relays.url(1), relays.url(2));
            LoadReport report = LoadRun.run(new LoadRun.Options(urls, relays.docs, 300, 10, 100_000, "it", 100,
                    Duration.ofSeconds(30), Duration.ofSeconds(60)), LoadRun.Listener.NONE);

            System.out.println(report);
            assertThat(report.established()).as("connections established\n%s", report).isEqualTo(300);
            assertThat(report.operationsCompleted()).as("operations completed\n%s", report).isEqualTo(10);
            assertThat(report.clientsUnfinished()).as("clients that never saw their operation end\n%s", report).isZero();
            assertThat(report.lost()).as("events lost\n%s", report).isZero();
            assertThat(report.duplicates()).as("duplicates\n%s", report).isZero();
            assertThat(report.gaps()).as("gaps\n%s", report).isZero();
            assertThat(report.eventsPublished()).as("events published\n%s", report).isGreaterThanOrEqualTo(10 * 3);
        }
    }
}
