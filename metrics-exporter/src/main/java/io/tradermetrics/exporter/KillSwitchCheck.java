package io.tradermetrics.exporter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A readiness check reporting a kill switch or circuit breaker: {@link HealthStatus#UP} while armed,
 * {@link HealthStatus#OUT_OF_SERVICE} with the reason and the time of the trip once
 * {@link #trip(String)} was called, until {@link #reset()}. OUT_OF_SERVICE makes {@code /health}
 * and {@code /health/ready} answer 503, so the process leaves the load balancer without being
 * restarted (it is a readiness, not a liveness, check).
 *
 * <p>Thread-safe: any thread may trip, reset or read it.
 */
public final class KillSwitchCheck implements HealthCheck {

  private record Trip(String reason, Instant at) {}

  private final String name;
  private final AtomicReference<@Nullable Trip> trip = new AtomicReference<>();

  private KillSwitchCheck(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("name '" + name + "' is not valid: expected a non-blank component name");
    }
    this.name = name;
  }

  /**
   * An armed (not tripped) kill switch.
   *
   * @param name the component name in {@code /health}, e.g. {@code killSwitch}
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static KillSwitchCheck of(String name) {
    return new KillSwitchCheck(name);
  }

  /**
   * Trips the switch; a second trip keeps the first reason and time.
   *
   * @param reason why, for operators, e.g. {@code "daily loss limit 5000 USD breached"}
   * @return true if this call tripped it, false if it was tripped already
   */
  public boolean trip(String reason) {
    return trip.compareAndSet(null, new Trip(reason, Instant.now()));
  }

  /** Re-arms the switch. */
  public void reset() {
    trip.set(null);
  }

  /** Whether the switch is tripped. */
  public boolean isTripped() {
    return trip.get() != null;
  }

  @Override
  public String name() {
    return name;
  }

  /** UP while armed; OUT_OF_SERVICE with {@code reason} and {@code trippedAt} (ISO-8601 UTC) once tripped. */
  @Override
  public HealthResult check() {
    Trip t = trip.get();
    if (t == null) {
      return HealthResult.up();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", t.reason());
    details.put("trippedAt", t.at().toString());
    return new HealthResult(HealthStatus.OUT_OF_SERVICE, details);
  }
}
