package dev.chunking.examples.relay.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chunking.application.Chunking;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void publishesTheFirstFiveChunksOnceWithTheirOffsetsAndTextsCutAtCodePoints() throws Exception {
        String text = ("😀".repeat(400) + "\n\n").repeat(8);
        List<String> published = new ArrayList<>();
        PreviewSink sink = new PreviewSink(OperationId.of("op"), published::add);
        Chunking.recursive(500, 0).chunk(DocumentId.of("d"), text).forEach(sink::accept);
        sink.flush();
        assertThat(published).hasSize(1);
        JsonNode preview = JSON.readTree(published.get(0));
        assertThat(preview.path("operation").asText()).isEqualTo("op");
        JsonNode chunks = preview.path("chunks");
        assertThat(chunks).hasSize(5);
        for (JsonNode c : chunks) {
            String shown = c.path("text").asText();
            assertThat(shown.codePointCount(0, shown.length())).isLessThanOrEqualTo(PreviewSink.TEXT_CHARS);
            assertThat(shown).doesNotContain("\uFFFD").startsWith("😀");
            String slice = text.substring(text.offsetByCodePoints(0, c.path("start").asInt()), text.offsetByCodePoints(0, c.path("end").asInt()));
            assertThat(slice).startsWith(shown);
            assertThat(c.path("endByte").asLong() - c.path("startByte").asLong()).isEqualTo(slice.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void publishesAShortDocumentsChunksWhenTheRunEnds() {
        List<String> published = new ArrayList<>();
        PreviewSink sink = new PreviewSink(OperationId.of("op"), published::add);
        Chunking.recursive(500, 0).chunk(DocumentId.of("d"), "one short text").forEach(sink::accept);
        assertThat(published).isEmpty();
        sink.flush();
        sink.flush();
        assertThat(published).singleElement().asString().contains("\"text\":\"one short text\"");
    }
}
