package dev.chunking.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.examples.relay.config.RelaySettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelaySettingsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        RelaySettings s = RelaySettings.builder("redis://127.0.0.1:6379").build();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isZero();
        assertThat(s.redisPrefix()).isEqualTo("relay:");
        assertThat(s.collection().value()).isEqualTo("relay");
        assertThat(s.baseDirectory()).isEmpty();
        assertThat(s.maxUploadBytes()).isEqualTo(64L << 20);
        assertThat(s.sendQueueLimit()).isEqualTo(2000);
        assertThat(s.maxMessageBytes()).isEqualTo(65536);
        assertThat(s.pingInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.maxConcurrent()).isEqualTo(4);
        assertThat(s.bytesPerSecond()).isZero();
        assertThat(s.origin(8081)).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void refusesValuesOutOfRangeNamingTheSetting() {
        assertThatThrownBy(() -> RelaySettings.builder("redis://x").sendQueueLimit(1).build())
                .isInstanceOf(InvalidOptionsException.class).hasMessage("relay settings: sendQueueLimit must be at least 2, got 1");
        assertThatThrownBy(() -> RelaySettings.builder("redis://x").pingInterval(Duration.ofSeconds(60)).build())
                .hasMessage("relay settings: idleTimeout (PT1M) must be longer than pingInterval (PT1M), or every connection would"
                        + " time out between two pings");
        assertThatThrownBy(() -> RelaySettings.builder("redis://x").port(70000).build())
                .hasMessage("relay settings: port must be 0 to 65535, got 70000");
        assertThatThrownBy(() -> RelaySettings.builder(" ").build()).hasMessage("relay settings: redisUri must be set");
    }

    @Test
    void theCommandLineSetsEverySetting() {
        RelaySettings s = RelayMain.parse(new String[] {"--port", "8082", "--instance", "b", "--redis", "redis://h:1",
            "--redis-prefix", "p:", "--collection", "c", "--base-dir", "/srv/docs", "--peer", "http://127.0.0.1:8081",
            "--max-upload-bytes", "1000", "--send-queue-limit", "50", "--max-concurrent", "2", "--bytes-per-second", "9",
            "--buffer-size", "4096", "--host", "0.0.0.0"});
        assertThat(s.port()).isEqualTo(8082);
        assertThat(s.instance()).isEqualTo("b");
        assertThat(s.redisUri()).isEqualTo("redis://h:1");
        assertThat(s.redisPrefix()).isEqualTo("p:");
        assertThat(s.collection().value()).isEqualTo("c");
        assertThat(s.baseDirectory()).contains(Path.of("/srv/docs"));
        assertThat(s.peers()).containsExactly("http://127.0.0.1:8081");
        assertThat(s.maxUploadBytes()).isEqualTo(1000);
        assertThat(s.sendQueueLimit()).isEqualTo(50);
        assertThat(s.maxConcurrent()).isEqualTo(2);
        assertThat(s.bytesPerSecond()).isEqualTo(9);
        assertThat(s.bufferSize()).isEqualTo(4096);
        assertThat(s.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void theCommandLineRefusesUnknownOptionsAndBadNumbersInOneLine() {
        assertThatThrownBy(() -> RelayMain.parse(new String[] {"--colour", "red"}))
                .hasMessage("unknown option --colour; " + RelayMain.USAGE);
        assertThatThrownBy(() -> RelayMain.parse(new String[] {"--port", "eighty"}))
                .hasMessage("--port must be a whole number, got \"eighty\"");
        assertThatThrownBy(() -> RelayMain.parse(new String[] {"--peer"})).hasMessage("--peer needs a value; " + RelayMain.USAGE);
    }
}
