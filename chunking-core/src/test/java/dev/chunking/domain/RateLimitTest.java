package dev.chunking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A rate limit is a finite positive rate and a burst of at least one permit. */
class RateLimitTest {
    @Test
    void keepsAFractionalRateAndAnyBurstFromOne() {
        RateLimit limit = RateLimit.perSecond(0.25, 1);
        assertThat(limit.permitsPerSecond()).isEqualTo(0.25);
        assertThat(limit.burst()).isEqualTo(1);
        assertThat(limit).isEqualTo(new RateLimit(0.25, 1)).hasToString("0.25 permits/s, burst 1");
        assertThat(RateLimit.perSecond(1e12, Long.MAX_VALUE).burst()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesARateThatIsNotAFiniteNumberAboveZeroSayingWhich(double rate) {
        assertThatThrownBy(() -> RateLimit.perSecond(rate, 10)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("rate " + rate + " permits per second is not a finite number above 0; set permitsPerSecond above 0");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void refusesABurstBelowOnePermitSayingWhich(long burst) {
        assertThatThrownBy(() -> RateLimit.perSecond(10, burst)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("burst " + burst + " permits is below the minimum of 1; set burst (the bucket's capacity) to at least 1");
    }
}
