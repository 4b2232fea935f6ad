package dev.chunking.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The spec is the options and the strategy's name as plain values: it survives Java serialisation
 * (as Spark ships it inside a task) unchanged, gives back equal options, resolves the strategy through
 * the registry, and refuses bad values with the options' own messages.
 */
class ChunkingSpecTest {

    @Test
    void aSpecSurvivesSerialisationAndGivesBackEqualOptions() throws Exception {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(2048).overlap(0).minSize(10)
                .malformedInput(MalformedInputPolicy.REPLACE).parameter("levels", "2048,512")
                .limits(InputLimits.defaults().withMaxChunks(77)).build();
        ChunkingSpec spec = ChunkingSpec.of("hierarchical", options);

        ChunkingSpec copy = roundTrip(spec);

        assertThat(copy).isEqualTo(spec);
        assertThat(copy.options()).isEqualTo(options);
        assertThat(copy.chunking().strategy().name()).isEqualTo("hierarchical");
        assertThat(copy.chunking().options()).isEqualTo(options);
    }

    @Test
    void theColumnsSurviveSerialisation() throws Exception {
        DocumentColumns columns = DocumentColumns.paths("doc", "file");

        assertThat(roundTrip(columns)).isEqualTo(columns);
    }

    @Test
    void theParametersCannotBeChangedThroughTheSpec() {
        TreeMap<String, String> parameters = new TreeMap<>();
        parameters.put("levels", "512,128");
        ChunkingSpec spec = new ChunkingSpec("hierarchical", 512, 0, 0, dev.chunking.domain.SizeUnit.CHARS, "codepoints",
                MalformedInputPolicy.REPORT, parameters, 1, 1, 1);
        parameters.put("levels", "9");

        assertThat(spec.parameters()).containsExactly(java.util.Map.entry("levels", "512,128"));
        assertThatThrownBy(() -> spec.parameters().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anOverlapNotBelowTheMaxSizeIsRefusedWithTheOptionsMessage() {
        assertThatThrownBy(() -> new ChunkingSpec("recursive", 100, 100, 0, dev.chunking.domain.SizeUnit.CHARS, "codepoints",
                MalformedInputPolicy.REPORT, new TreeMap<>(), 1, 1, 1))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("overlap 100 >= max size 100; set overlap (--overlap) below the max size (--size)");
    }

    @Test
    void aBlankStrategyNameIsRefusedNamingTheFactoryToUse() {
        assertThatThrownBy(() -> ChunkingSpec.defaults(" "))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("strategy name ' ' is blank; name a registered strategy, such as ChunkingSpec.of(\"recursive\", options)");
    }

    @Test
    void aBlankColumnNameIsRefusedNamingBothFactories() {
        assertThatThrownBy(() -> DocumentColumns.text("id", ""))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("document columns: id column 'id', content column '' and kind TEXT must all be set;"
                        + " use DocumentColumns.text(id, text) or DocumentColumns.paths(id, path)");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
