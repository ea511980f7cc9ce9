package io.tradermetrics.exporter;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A readiness check that is {@link HealthStatus#DOWN} when the last market-data tick is older than
 * a threshold, {@link HealthStatus#UNKNOWN} before the first tick, and {@link HealthStatus#UP}
 * otherwise. The trader calls {@link #recordTick()} on each tick (or each batch); ages come from
 * the monotonic clock, so wall-clock adjustments cannot make data look fresh or stale.
 *
 * <p>Thread-safe. {@link #recordTick()} is wait-free and allocation-free (one monotonic clock read
 * and one ordered store), so it can run on the market-data thread.
 *
 * <pre>{@code
 * MarketDataFreshnessCheck bitstamp = MarketDataFreshnessCheck.of("marketData", Duration.ofSeconds(5));
 * MetricsServer.builder(registry).healthCheck(bitstamp).buildAndStart();
 * // on every tick:
 * bitstamp.recordTick();
 * }</pre>
 */
public final class MarketDataFreshnessCheck implements HealthCheck {

  private static final long NO_TICK = Long.MIN_VALUE;

  private final String name;
  private final long maxAgeNanos;
  private final Clock clock;
  private final AtomicLong lastTickNanos = new AtomicLong(NO_TICK);

  private MarketDataFreshnessCheck(String name, Duration maxAge, Clock clock) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("name '" + name + "' is not valid: expected a non-blank component name");
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge " + maxAge + " is not valid: expected a positive duration");
    }
    this.name = name;
    this.maxAgeNanos = maxAge.toNanos();
    this.clock = clock;
  }

  /**
   * A check on the system clock.
   *
   * @param name   the component name in {@code /health}, e.g. {@code marketData}
   * @param maxAge the oldest a last tick may be and the check still UP, e.g. {@code Duration.ofSeconds(5)}
   * @throws IllegalArgumentException if {@code name} is blank or {@code maxAge} is not positive
   */
  public static MarketDataFreshnessCheck of(String name, Duration maxAge) {
    return new MarketDataFreshnessCheck(name, maxAge, Clock.SYSTEM);
  }

  /**
   * A check reading {@link Clock#monotonicTime()} of {@code clock} (a {@code MockClock} in tests).
   *
   * @throws IllegalArgumentException if {@code name} is blank or {@code maxAge} is not positive
   */
  public static MarketDataFreshnessCheck of(String name, Duration maxAge, Clock clock) {
    return new MarketDataFreshnessCheck(name, maxAge, clock);
  }

  /** Records that market data arrived now. Wait-free; call it from the thread that receives ticks. */
  public void recordTick() {
    lastTickNanos.setRelease(clock.monotonicTime());
  }

  @Override
  public String name() {
    return name;
  }

  /** UNKNOWN before the first tick, DOWN when older than the threshold, else UP; details in seconds. */
  @Override
  public HealthResult check() {
    long last = lastTickNanos.getAcquire();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("maxAgeSeconds", maxAgeNanos / 1e9);
    if (last == NO_TICK) {
      details.put("reason", "no market data received yet");
      return new HealthResult(HealthStatus.UNKNOWN, details);
    }
    long ageNanos = clock.monotonicTime() - last;
    details.put("lastTickAgeSeconds", ageNanos / 1e9);
    if (ageNanos > maxAgeNanos) {
      details.put("reason", "market data stale: last tick older than the threshold");
      return new HealthResult(HealthStatus.DOWN, details);
    }
    return new HealthResult(HealthStatus.UP, details);
  }
}
