package io.tradermetrics.examples.demo;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The demo's fault injection: which faults to inject, each once, at a wall time after the start of
 * the replay, so that every alert the monitoring raises can be seen end to end. Immutable.
 *
 * <ul>
 *   <li>{@link Kind#TRIP}: the circuit breaker trips: quoting halts, {@code /health/ready} answers
 *       503, {@code CircuitBreakerTripped} (critical) is raised.
 *   <li>{@link Kind#SLOW_ACK}: the venue acknowledges the next order {@link Demo#SLOW_ACK} late: its
 *       client order id is the exemplar of the slow bucket of {@code trader_order_ack_latency_seconds}.
 *   <li>{@link Kind#LARGE_FILL}: a block trade of {@link Demo#LARGE_FILL_BTC} BTC is booked: the
 *       {@code LargeExecution} event alert (info), and a position beyond its limit
 *       ({@code TraderPositionLimitBreached}).
 *   <li>{@link Kind#DISCONNECT}: the venue connection drops and stays down: quoting stops,
 *       {@code trader_venue_connected} is 0 ({@code VenueDisconnected}, warning, then
 *       {@code VenueDisconnectedTooLong}, error).
 *   <li>{@link Kind#PANIC}: the strategy loop throws: {@code StrategyPanic} (critical) is raised and
 *       the strategy handles no more ticks.
 * </ul>
 */
public final class Faults {

  /** A fault the demo can inject. */
  public enum Kind {
    TRIP, SLOW_ACK, LARGE_FILL, DISCONNECT, PANIC;

    /** The name on the command line: {@code trip}, {@code slow-ack}, {@code large-fill}, {@code disconnect}, {@code panic}. */
    public String flag() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private static final Faults NONE = new Faults(new EnumMap<>(Kind.class));

  private final EnumMap<Kind, Duration> at;

  private Faults(EnumMap<Kind, Duration> at) {
    this.at = at;
  }

  /** No fault. */
  public static Faults none() {
    return NONE;
  }

  /**
   * These faults.
   *
   * @param at when each is injected, wall time after the start of the replay
   * @throws IllegalArgumentException for a negative time
   */
  public static Faults of(Map<Kind, Duration> at) {
    EnumMap<Kind, Duration> copy = new EnumMap<>(Kind.class);
    at.forEach((kind, time) -> {
      if (time.isNegative()) {
        throw new IllegalArgumentException("fault " + kind.flag() + " at " + time + " is not valid: expected 0 or more");
      }
      copy.put(kind, time);
    });
    return new Faults(copy);
  }

  /**
   * One fault written as on the command line, {@code KIND@SECONDS}, e.g. {@code disconnect@10}.
   *
   * @throws IllegalArgumentException naming the valid kinds, for anything else
   */
  static Map.Entry<Kind, Duration> parse(String spec) {
    int atSign = spec.indexOf('@');
    String kind = atSign < 0 ? spec : spec.substring(0, atSign);
    for (Kind k : Kind.values()) {
      if (k.flag().equals(kind.strip())) {
        try {
          long seconds = atSign < 0 ? 0 : Long.parseLong(spec.substring(atSign + 1).strip());
          if (seconds >= 0) {
            return Map.entry(k, Duration.ofSeconds(seconds));
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IllegalArgumentException("--fault " + spec + ": expected " + k.flag() + "@SECONDS, SECONDS 0 or more");
      }
    }
    throw new IllegalArgumentException("--fault " + spec + ": unknown fault '" + kind + "'; expected one of "
        + java.util.Arrays.stream(Kind.values()).map(Kind::flag).toList() + ", as KIND@SECONDS");
  }

  /** When {@code kind} is injected, or null if it is not. */
  public @Nullable Duration at(Kind kind) {
    return at.get(kind);
  }

  /** Whether no fault is injected. */
  public boolean isEmpty() {
    return at.isEmpty();
  }
}
