package dev.chunking.examples.relay.load;

import java.util.Locale;
import java.util.Map;

/**
 * The figures of one load run, as the clients saw them. Loss and duplicates are counted per client
 * against its operation's last sequence: every client subscribed before its operation started, so
 * it must receive each event numbered 1 to the last exactly once.
 *
 * @param instances relay instances the clients were spread over
 * @param clientsRequested clients the run tried to open
 * @param established clients that received {@code synced}
 * @param failed clients that could not connect or subscribe
 * @param closedEarly established clients whose connection closed before their operation ended
 * @param operations operations started
 * @param operationsCompleted operations whose last event some client received, with kind COMPLETED
 * @param eventsPublished events of all operations (the sum of their last sequences)
 * @param deliveriesExpected events the established clients had to receive (the sum of their operation's last sequence)
 * @param messagesReceived {@code event} and {@code state} messages the clients received
 * @param lost expected events the clients did not receive
 * @param duplicates events received again, at or below the sequence already applied
 * @param gaps jumps in a client's sequence, or states saying events were skipped
 * @param clientsUnfinished established clients that never saw their operation's last event
 * @param latencyCount latencies measured (one per {@code event} message)
 * @param p50Micros median publish-to-receive latency
 * @param p99Micros 99th percentile latency
 * @param maxMicros largest latency
 * @param connectSeconds time to open and subscribe every client
 * @param runSeconds time from the first operation's start to the last client done
 * @param failures the first distinct reasons clients failed for, with their counts
 */
public record LoadReport(int instances, int clientsRequested, int established, int failed, int closedEarly, int operations,
                         int operationsCompleted, long eventsPublished, long deliveriesExpected, long messagesReceived, long lost,
                         long duplicates, long gaps, int clientsUnfinished, long latencyCount, long p50Micros, long p99Micros,
                         long maxMicros, double connectSeconds, double runSeconds, Map<String, Integer> failures) {
    /** Copies the failures. */
    public LoadReport {
        failures = Map.copyOf(failures);
    }

    /** @return the report as a Markdown table, one figure a row */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("| figure | value |\n|---|---|\n");
        row(b, "relay instances", instances);
        row(b, "connections established / requested", established + " / " + clientsRequested);
        row(b, "connections failed", failed);
        row(b, "connections closed before their operation ended", closedEarly);
        row(b, "operations completed / started", operationsCompleted + " / " + operations);
        row(b, "events published", eventsPublished);
        row(b, "deliveries expected", deliveriesExpected);
        row(b, "messages received", messagesReceived);
        row(b, "events lost while connected (goal 0)", lost);
        row(b, "duplicates (goal 0)", duplicates);
        row(b, "gaps", gaps);
        row(b, "clients that never saw their operation end", clientsUnfinished);
        row(b, "latency p50 / p99 / max (ms), " + latencyCount + " events",
                ms(p50Micros) + " / " + ms(p99Micros) + " / " + ms(maxMicros));
        row(b, "time to connect all clients (s)", String.format(Locale.ROOT, "%.1f", connectSeconds));
        row(b, "time to run the operations (s)", String.format(Locale.ROOT, "%.1f", runSeconds));
        failures.forEach((why, n) -> row(b, "failure: " + why.replace('|', '/'), n));
        return b.toString();
    }

    /** @return one Markdown table row: clients, operations, events, lost, duplicates, latency p50/p99/max in ms */
    public String markdownRow() {
        return "| " + established + "/" + clientsRequested + " | " + operationsCompleted + "/" + operations + " | " + eventsPublished
                + " | " + lost + " | " + duplicates + " | " + ms(p50Micros) + " / " + ms(p99Micros) + " / " + ms(maxMicros) + " |";
    }

    private static void row(StringBuilder b, String name, Object value) {
        b.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
