package dev.chunking.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chunking.domain.OperationId;
import dev.chunking.examples.relay.browser.HeadlessChromium;
import dev.chunking.redis.progress.OperationState;
import dev.chunking.redis.progress.RedisOperationStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page in a real headless Chromium, against three instances sharing the test Redis: it
 * connects, its bar advances during a run, and when the instance it is connected to is stopped
 * mid-run it moves to another and still ends at the operation's final state. Saves a screenshot of
 * each state in {@code target/screenshots} (the ones in {@code docs/} come from this test).
 */
class PageIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Path shots = Path.of("target", "screenshots");
    private Relays relays;
    private HeadlessChromium browser;

    @BeforeEach
    void start() throws Exception {
        // ~2 MB at 400 KB/s: a run of some 5 s, an event every 100 ms at most
        relays = Relays.start(3, b -> b.bytesPerSecond(400_000).bufferSize(16 * 1024).progressInterval(Duration.ofMillis(100)));
        browser = HeadlessChromium.launch();
        Files.createDirectories(shots);
    }

    @AfterEach
    void stop() throws Exception {
        browser.close();
        relays.close();
    }

    private String row(String op) {
        return "document.querySelector('li[data-op=\"" + op + "\"]')";
    }

    private long number(String expression) {
        return browser.evaluate(expression).asLong();
    }

    @Test
    void thePageFollowsARunAcrossTheLossOfItsInstanceToTheFinalState() throws Exception {
        String warmUp = relays.chunk(2, relays.document("release-notes.md", 60_000));
        String doc = relays.document("handbook.txt", 2_000_000);
        browser.navigate(relays.url(0) + "/");
        browser.waitFor("window.relayView && relayView.instance === 'relay-1' && relayView.synced", WAIT);
        browser.waitFor(row(warmUp) + "?.dataset.status === 'COMPLETED'", WAIT);
        assertThat(browser.evaluate("document.querySelector('#connection').textContent").asText()).isEqualTo("live from relay-1");
        browser.screenshot(shots.resolve("page-connected.png"));

        String op = relays.chunk(1, doc); // runs on another instance than the page's
        browser.waitFor(row(op) + "?.dataset.status === 'RUNNING' && Number(" + row(op) + ".dataset.bytes) > 0", WAIT);
        long first = number("Number(" + row(op) + ".dataset.bytes)");
        browser.waitFor("Number(" + row(op) + ".dataset.bytes) > " + first + " && "
                + row(op) + ".querySelectorAll('.preview li').length > 0", WAIT);
        // past the limiter's first burst, so the rate and ETA shown are the steady ones
        browser.waitFor(row(op) + ".querySelector('progress').value >= 40", WAIT);
        double bar = browser.evaluate(row(op) + ".querySelector('progress').value").asDouble();
        assertThat(bar).isGreaterThanOrEqualTo(40).isLessThan(100);
        assertThat(browser.evaluate(row(op) + ".dataset.status").asText()).isEqualTo("RUNNING");
        browser.screenshot(shots.resolve("page-running.png"));

        relays.stop(0); // the instance the page is connected to
        browser.waitFor("relayView.instance !== null && relayView.instance !== 'relay-1' && relayView.synced", WAIT);
        browser.waitFor(row(op) + ".dataset.status === 'COMPLETED'", WAIT);
        browser.screenshot(shots.resolve("page-completed.png"));

        OperationState end;
        try (RedisOperationStates states = RedisOperationStates.connect(relays.redis.settings().build())) {
            end = states.state(OperationId.of(op)).orElseThrow();
        }
        JsonNode shown = browser.evaluate("(() => { const r = " + row(op) + "; return {sequence: Number(r.dataset.sequence),"
                + " bytes: Number(r.dataset.bytes), chunks: Number(r.dataset.chunks), bar: r.querySelector('progress').value,"
                + " result: r.querySelector('.result').textContent, note: r.querySelector('.note').textContent}; })()");
        assertThat(shown.path("sequence").asLong()).isEqualTo(end.sequence());
        assertThat(shown.path("bytes").asLong()).isEqualTo(end.lastEvent().bytesDone()).isEqualTo(end.lastEvent().bytesTotal().orElseThrow());
        assertThat(shown.path("chunks").asLong()).isEqualTo(end.lastEvent().chunks());
        assertThat(shown.path("bar").asDouble()).isEqualTo(100.0);
        assertThat(shown.path("result").asText()).startsWith("Completed: ");
        assertThat(shown.path("note").asText()).isEmpty(); // every missed event was replayed: nothing skipped
        JsonNode counters = browser.evaluate("({d: relayView.duplicates, g: relayView.gaps, b: relayView.backwards,"
                + " c: relayView.connections})");
        assertThat(counters.path("d").asInt() + counters.path("g").asInt() + counters.path("b").asInt()).isZero();
        assertThat(counters.path("c").asInt()).isEqualTo(2);
    }

    @Test
    void thePageStartsARunFromItsFormCancelsItWithItsButtonAndShowsRefusals() throws Exception {
        relays.document("manual.txt", 2_000_000);
        browser.navigate(relays.url(1) + "/");
        browser.waitFor("window.relayView && relayView.synced", WAIT);

        browser.evaluate("document.querySelector('#by-path [name=path]').value = '../etc/passwd';"
                + " document.querySelector('#by-path button').click()");
        browser.waitFor("document.querySelector('#message').className === 'error'", WAIT);
        assertThat(browser.evaluate("document.querySelector('#message').textContent").asText())
                .startsWith("path '../etc/passwd' refused (PARENT_SEGMENT");

        browser.evaluate("document.querySelector('#by-path [name=path]').value = 'manual.txt';"
                + " document.querySelector('#by-path select').value = 'markdown';"
                + " document.querySelector('#by-path button').click()");
        browser.waitFor("document.querySelector('li[data-status=RUNNING]') !== null", WAIT);
        String op = browser.evaluate("document.querySelector('li[data-status=RUNNING]').dataset.op").asText();
        assertThat(browser.evaluate("document.querySelector('#message').textContent").asText())
                .isEqualTo("Started " + op + " on relay-2.");
        browser.evaluate(row(op) + ".querySelector('.cancel').click()");
        browser.waitFor(row(op) + ".dataset.status === 'CANCELLED'", WAIT);
        assertThat(browser.evaluate(row(op) + ".querySelector('.result').textContent").asText()).startsWith("Cancelled after ");
        assertThat(number("Number(" + row(op) + ".dataset.bytes)")).isLessThan(2_000_000);
    }
}
