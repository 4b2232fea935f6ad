package dev.chunking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationStatusTest {
    private static final Map<OperationStatus, Set<OperationStatus>> LEGAL = Map.of(
            OperationStatus.PENDING, EnumSet.of(OperationStatus.RUNNING, OperationStatus.CANCELLED),
            OperationStatus.RUNNING, EnumSet.of(OperationStatus.COMPLETED, OperationStatus.FAILED, OperationStatus.CANCELLED),
            OperationStatus.COMPLETED, EnumSet.noneOf(OperationStatus.class),
            OperationStatus.FAILED, EnumSet.noneOf(OperationStatus.class),
            OperationStatus.CANCELLED, EnumSet.noneOf(OperationStatus.class));

    @Test
    void allowsExactlyTheDocumentedTransitionsAndRefusesEveryOther() {
        int legal = 0;
        int illegal = 0;
        for (OperationStatus from : OperationStatus.values()) {
            for (OperationStatus to : OperationStatus.values()) {
                if (LEGAL.get(from).contains(to)) {
                    assertThat(from.moveTo(to)).isEqualTo(to);
                    legal++;
                } else {
                    assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalTransitionException.class)
                            .hasMessageContaining("cannot move from " + from + " to " + to);
                    illegal++;
                }
            }
        }
        assertThat(legal).isEqualTo(5);
        assertThat(illegal).isEqualTo(20);
    }

    @Test
    void terminalStatusesAreFinalAndSaySo() {
        assertThat(EnumSet.allOf(OperationStatus.class).stream().filter(OperationStatus::isTerminal))
                .containsExactlyInAnyOrder(OperationStatus.COMPLETED, OperationStatus.FAILED, OperationStatus.CANCELLED);
        assertThatThrownBy(() -> OperationStatus.COMPLETED.moveTo(OperationStatus.RUNNING)).hasMessageEndingWith("COMPLETED is final");
        assertThatThrownBy(() -> OperationStatus.PENDING.moveTo(OperationStatus.COMPLETED))
                .hasMessageContaining("from PENDING it can move to [RUNNING, CANCELLED]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "op-1", "A_b-9", "x123456789"})
    void acceptsIdsOfLettersDigitsDashesAndUnderscores(String id) {
        assertThat(OperationId.of(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../x", "a/b", "a b", "a.b", "k*", "x\u0000", "\u00e9t\u00e9", "a:b", "%2e"})
    void refusesIdsThatCouldBecomeAPathOrAKeyPattern(String id) {
        assertThatThrownBy(() -> OperationId.of(id)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining(id.isEmpty() ? "must not be empty" : "use only ASCII letters, digits, '-' and '_'");
    }

    @Test
    void refusesIdsLongerThan128CharactersAndNull() {
        assertThat(OperationId.of("a".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> OperationId.of("a".repeat(129))).hasMessage(
                "operation id is 129 characters long, more than the limit of 128; use a shorter id");
        assertThatThrownBy(() -> OperationId.of(null)).hasMessage("operation id must not be null");
    }

    @Test
    void generatesValidDistinctIds() {
        OperationId a = OperationId.generate();
        OperationId b = OperationId.generate();
        assertThat(a.value()).matches("op-[0-9a-f]{32}");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void takesTheIdsRandomBitsFreshOnEveryCall() {
        byte[] first = OperationId.randomBits(16);
        byte[] second = OperationId.randomBits(16);

        assertThat(first).hasSize(16).isNotEqualTo(second).isNotEqualTo(new byte[16]);
    }
}
