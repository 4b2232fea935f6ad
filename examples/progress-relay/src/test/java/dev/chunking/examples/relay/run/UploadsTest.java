package dev.chunking.examples.relay.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadsTest {
    @TempDir
    Path folder;

    @Test
    void storesAnUploadUpToTheLimitByteForByte() throws Exception {
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        Path file = Uploads.store(new ByteArrayInputStream(body), folder, 200_000);
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
    }

    @Test
    void refusesAnUploadPastTheLimitWith413AndLeavesNoFile() throws Exception {
        assertThatThrownBy(() -> Uploads.store(new ByteArrayInputStream(new byte[200_001]), folder, 200_000))
                .isInstanceOf(RelayRequestException.class)
                .hasMessage("the upload is larger than the relay's limit of 200000 bytes (maxUploadBytes, --max-upload-bytes); "
                        + "send a smaller file or raise the limit")
                .satisfies(e -> assertThat(((RelayRequestException) e).status()).isEqualTo(413));
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void runOptionsRefuseSizesOutOfRangeNamingTheValue() {
        assertThatThrownBy(() -> new RunOptions(java.util.Optional.empty(), "recursive", 10, 10))
                .isInstanceOf(RelayRequestException.class).hasMessage("overlap must be 0 to maxSize - 1 (9), got 10");
        assertThatThrownBy(() -> new RunOptions(java.util.Optional.empty(), " ", 10, 0))
                .isInstanceOf(RelayRequestException.class).hasMessage("strategy must be set, e.g. \"recursive\"");
    }
}
