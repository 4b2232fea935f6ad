package dev.chunking.embeddings.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsObjectsArraysStringsNumbersAndLiterals() {
        Object value = Json.parse(" {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}, \"d\": {}, \"e\": []} ");
        assertThat(value).isEqualTo(Map.of("a", Arrays.asList(1L, -25.0, true, false, null),
                "b", Map.of("c", "x\"\u00e9\n"), "d", Map.of(), "e", List.of()));
    }

    @Test
    void textAfterTheValueIsRefusedNamingTheOffset() {
        assertThatThrownBy(() -> Json.parse("{} x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON at char 3 of 4: expected end of text");
    }

    @Test
    void anUnclosedStringIsRefused() {
        assertThatThrownBy(() -> Json.parse("[\"abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON at char 5 of 5: expected a closing quote");
    }

    @Test
    void aBadLiteralIsRefused() {
        assertThatThrownBy(() -> Json.parse("[nul]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON at char 1 of 5: expected a value");
    }
}
