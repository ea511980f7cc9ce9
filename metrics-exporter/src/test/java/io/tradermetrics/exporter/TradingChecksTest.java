package io.tradermetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TradingChecksTest {

  @Nested
  class MarketDataFreshness {
    private final MockClock clock = new MockClock();
    private final MarketDataFreshnessCheck check = MarketDataFreshnessCheck.of("marketData", Duration.ofSeconds(5), clock);

    @Test
    void isUnknownBeforeTheFirstTick() {
      HealthResult result = check.check();
      assertThat(result.status()).isEqualTo(HealthStatus.UNKNOWN);
      assertThat(result.details()).containsEntry("reason", "no market data received yet");
    }

    @Test
    void isUpUpToTheThresholdAndDownPastIt() {
      check.recordTick();
      clock.add(Duration.ofSeconds(5));
      assertThat(check.check().status()).isEqualTo(HealthStatus.UP);
      assertThat(check.check().details()).containsEntry("lastTickAgeSeconds", 5.0).containsEntry("maxAgeSeconds", 5.0);
      clock.add(Duration.ofMillis(1));
      HealthResult stale = check.check();
      assertThat(stale.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(stale.details()).containsEntry("lastTickAgeSeconds", 5.001);
      check.recordTick();
      assertThat(check.check().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void isAReadinessCheck() {
      assertThat(check.kind()).isEqualTo(HealthCheck.Kind.READINESS);
      assertThat(check.name()).isEqualTo("marketData");
    }

    @Test
    void rejectsANonPositiveThresholdNamingIt() {
      assertThatThrownBy(() -> MarketDataFreshnessCheck.of("md", Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxAge PT0S is not valid: expected a positive duration");
    }
  }

  @Nested
  class KillSwitch {
    private final KillSwitchCheck check = KillSwitchCheck.of("killSwitch");

    @Test
    void isUpWhileArmed() {
      assertThat(check.check().status()).isEqualTo(HealthStatus.UP);
      assertThat(check.isTripped()).isFalse();
    }

    @Test
    void isOutOfServiceWithTheFirstReasonOnceTripped() {
      assertThat(check.trip("loss limit")).isTrue();
      assertThat(check.trip("second reason")).isFalse();
      HealthResult result = check.check();
      assertThat(result.status()).isEqualTo(HealthStatus.OUT_OF_SERVICE);
      assertThat(result.details()).containsEntry("reason", "loss limit").containsKey("trippedAt");
    }

    @Test
    void isUpAgainAfterReset() {
      check.trip("loss limit");
      check.reset();
      assertThat(check.check().status()).isEqualTo(HealthStatus.UP);
    }
  }
}
