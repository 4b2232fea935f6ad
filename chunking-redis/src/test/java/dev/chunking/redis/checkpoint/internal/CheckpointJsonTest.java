package dev.chunking.redis.checkpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.CheckpointStoreContract;
import org.junit.jupiter.api.Test;

class CheckpointJsonTest {
    private static final Checkpoint CHECKPOINT = CheckpointStoreContract.checkpoint(CollectionId.of("docs"),
            DocumentId.of("a/\u6587\u6863.md"), 3);

    @Test
    void writesTheSameJsonAsChunkingPostgresEveryFieldByName() {
        assertThat(CheckpointJson.write(CHECKPOINT)).isEqualTo("{\"format\":2,\"collection\":\"docs\",\"document\":\"a/\u6587\u6863.md\","
                + "\"strategy\":\"recursive\",\"options\":{\"maxSize\":100,\"overlap\":10,\"minSize\":25,\"unit\":\"CHARS\","
                + "\"tokenCounter\":\"codepoints\",\"malformedInput\":\"REPORT\",\"parameters\":{}},"
                + "\"source\":{\"size\":4096,\"modifiedMillis\":1700000000000,\"headSha256\":\"" + "a".repeat(64)
                + "\",\"tailSha256\":\"" + "b".repeat(64) + "\"},"
                + "\"position\":{\"byteOffset\":270,\"codePointOffset\":270,\"previousEndByte\":280,\"previousEndCodePoint\":280,"
                + "\"nextIndex\":3,\"replacements\":0},\"attributes\":{\"host.note\":\"next 3\"}}");
    }

    @Test
    void readsBackEveryFieldItWrote() {
        assertThat(CheckpointJson.read(CheckpointJson.write(CHECKPOINT), "here")).isEqualTo(CHECKPOINT);
    }

    @Test
    void writesAStrategyStateAsBase64AndReadsItBackByteForByte() {
        byte[] state = {(byte) 0xC5, 1, 0, (byte) 0xFF, 42};
        Checkpoint stateful = new Checkpoint(CHECKPOINT.formatVersion(), CHECKPOINT.collection(), CHECKPOINT.document(), "markdown",
                CHECKPOINT.options(), CHECKPOINT.source(), CHECKPOINT.position().withState(state), CHECKPOINT.attributes());
        String json = CheckpointJson.write(stateful);
        assertThat(json).contains("\"nextIndex\":3,\"replacements\":0,\"state\":\"xQEA/yo=\"}");
        assertThat(CheckpointJson.read(json, "here")).isEqualTo(stateful);
        assertThat(CheckpointJson.read(json, "here").position().state()).isEqualTo(state);
    }

    @Test
    void refusesTextThatIsNotACheckpointAndSaysToDeleteIt() {
        assertThatThrownBy(() -> CheckpointJson.read("{\"format\":2}", "document 'd' of collection 'c'"))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("the checkpoint of document 'd' of collection 'c' cannot be read (missing options);"
                        + " delete it to start the document over");
        assertThatThrownBy(() -> CheckpointJson.read("not json", "x")).isInstanceOf(CheckpointMismatchException.class)
                .hasMessageStartingWith("the checkpoint of x cannot be read (").hasMessageEndingWith("; delete it to start the document over");
    }
}
