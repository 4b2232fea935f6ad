package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The Redis options and the watch command refuse bad usage, and an unreachable server, with one line and no stack trace. */
class RedisOptionsTest extends CommandTestSupport {
    /** A local port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void refusesAUrlThatIsNotRedisAsBadUsage() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--redis", "http://cache:6379/?password=secret", "--operation", "op", f.toString())).isEqualTo(2);
        assertOneErrorLine("chunk: --redis http://cache:6379/?... is not a redis:// or rediss:// URL");
        assertThat(err()).doesNotContain("secret");
    }

    @Test
    void refusesAWatchUrlThatIsNotRedisAsBadUsage() {
        assertThat(runCommand("watch", "--redis", "localhost:6379", "--operation", "op")).isEqualTo(2);
        assertOneErrorLine("chunk: --redis localhost:6379 is not a redis:// or rediss:// URL");
    }

    @Test
    void refusesTheRedisServerWithoutAnOperation() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--redis", "redis://127.0.0.1:6379", f.toString())).isEqualTo(2);
        assertOneErrorLine("--redis needs --operation ID");
    }

    @Test
    void refusesAnOperationWithoutTheRedisServer() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--operation", "op", f.toString())).isEqualTo(2);
        assertOneErrorLine("--operation needs --redis URL");
    }

    @Test
    void refusesAnOperationIdThatIsNotValid() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--redis", "redis://127.0.0.1:6379", "--operation", "x".repeat(200), f.toString())).isEqualTo(2);
        assertOneErrorLine("cannot be an operation id");
    }

    @Test
    void refusesSeveralFilesUnderOneOperation() throws IOException {
        Path a = file("a.txt", "text");
        Path b = file("b.txt", "text");
        assertThat(runCommand("--redis", "redis://127.0.0.1:6379", "--operation", "op", a.toString(), b.toString())).isEqualTo(2);
        assertOneErrorLine("--operation names the run of one FILE, got 2");
    }

    @Test
    void refusesTheRedisOptionsForPreview() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("preview", "--redis", "redis://127.0.0.1:6379", "--operation", "op", f.toString())).isEqualTo(2);
        assertOneErrorLine("--redis does not apply to 'preview'");
    }

    @Test
    void refusesWatchWithoutTheServerOrWithOtherArguments() {
        assertThat(runCommand("watch", "--operation", "op")).isEqualTo(2);
        assertOneErrorLine("--operation needs --redis URL");
        err.reset();
        assertThat(runCommand("watch", "--redis", "redis://127.0.0.1:6379", "--operation", "op", "file.txt")).isEqualTo(2);
        assertOneErrorLine("'chunk watch' takes only --redis URL, --operation ID and --redis-prefix P, not file.txt");
        err.reset();
        assertThat(runCommand("watch")).isEqualTo(2);
        assertOneErrorLine("'chunk watch' needs --redis URL and --operation ID");
    }

    @Test
    void refusesAnEmptyKeyPrefix() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--redis", "redis://127.0.0.1:6379", "--operation", "op", "--redis-prefix", "", f.toString())).isEqualTo(2);
        assertOneErrorLine("--redis-prefix must not be empty");
    }

    @Test
    void reportsAnUnreachableServerOnOneLineWithStatusOneBeforeChunking() throws IOException {
        Path f = file("a.txt", "text");
        String url = "redis://127.0.0.1:" + closedPort();
        assertThat(runCommand("--redis", url, "--operation", "op", f.toString())).isEqualTo(1);
        assertOneErrorLine("chunk: cannot reach Redis at " + url + ": ");
    }

    @Test
    void reportsAnUnreachableServerToWatchOnOneLineWithStatusOne() throws IOException {
        String url = "redis://127.0.0.1:" + closedPort();
        assertThat(runCommand("watch", "--redis", url, "--operation", "op")).isEqualTo(1);
        assertOneErrorLine("chunk: cannot reach Redis at " + url + ": ");
    }

    @Test
    void printsTheHelpOfWatch() {
        assertThat(runCommand("watch", "--help")).isZero();
        assertThat(out()).contains("chunk watch --redis URL --operation ID", "--redis-prefix P");
    }

    @Test
    void listsTheRedisOptionsInTheUsage() {
        assertThat(runCommand("--help")).isZero();
        assertThat(out()).contains("chunk --redis URL --operation ID [--collection ID] [OPTIONS] FILE", "chunk watch --redis URL");
    }

    @Test
    void writesAnEventAsOneStableLine() {
        ProgressEvent event = new ProgressEvent(OperationId.of("op"), 12, ProgressEvent.Kind.PROGRESS, Instant.EPOCH,
                CollectionId.of("c"), DocumentId.of("d"), 1_234_567, OptionalLong.of(30_000_000), 1523, 10.0, Optional.empty());
        assertThat(WatchCommand.eventLine(event)).isEqualTo("#12 PROGRESS 1.2 MB of 30.0 MB, 1523 chunks");
        ProgressEvent failed = new ProgressEvent(OperationId.of("op"), 3, ProgressEvent.Kind.FAILED, Instant.EPOCH,
                CollectionId.of("c"), DocumentId.of("d"), 999, OptionalLong.empty(), 1, 0, Optional.of("disk\nfull"));
        assertThat(WatchCommand.eventLine(failed)).isEqualTo("#3 FAILED 999 B, 1 chunk: disk full");
    }

    @Test
    void writesSizesInPowersOfAThousand() {
        assertThat(WatchCommand.size(0)).isEqualTo("0 B");
        assertThat(WatchCommand.size(1000)).isEqualTo("1.0 kB");
        assertThat(WatchCommand.size(999_999)).isEqualTo("1.0 MB");
        assertThat(WatchCommand.size(2_500_000_000L)).isEqualTo("2.5 GB");
    }
}
