package io.tradermetrics.aspects;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeDistributionSummary;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A registry that fails on purpose, in one of the ways a real one can. */
final class FaultyRegistry extends SimpleMeterRegistry {

  enum Fault {
    /** Every counter, timer and histogram throws a RuntimeException when it records. */
    RECORD_THROWS,
    /** Every counter, timer and histogram throws an OutOfMemoryError when it records. */
    RECORD_OUT_OF_MEMORY,
    /** Every registration of a meter throws. */
    REGISTRATION_THROWS,
    /** Only {@code tradermetrics.instrumentation.errors} throws, when it counts. */
    ERRORS_COUNTER_THROWS
  }

  private final Fault fault;
  /** How many times a meter was asked to be registered (every one refused with REGISTRATION_THROWS). */
  final AtomicInteger registrations = new AtomicInteger();
  /** The names asked for, in order. */
  final java.util.List<String> registered = new java.util.concurrent.CopyOnWriteArrayList<>();

  FaultyRegistry(Fault fault, Clock clock) {
    super(SimpleConfig.DEFAULT, clock);
    this.fault = fault;
    config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        registrations.incrementAndGet();
        registered.add(id.getName());
        if (fault == Fault.REGISTRATION_THROWS) {
          throw new IllegalStateException("registry refuses " + id.getName() + " (test)");
        }
        return id;
      }
    });
  }

  private boolean failsRecording(Meter.Id id) {
    return fault == Fault.RECORD_THROWS || fault == Fault.RECORD_OUT_OF_MEMORY
        || (fault == Fault.ERRORS_COUNTER_THROWS && id.getName().equals("tradermetrics.instrumentation.errors"));
  }

  private void fail() {
    if (fault == Fault.RECORD_OUT_OF_MEMORY) {
      throw new OutOfMemoryError("Java heap space (test)");
    }
    throw new IllegalStateException("meter fails to record (test)");
  }

  @Override
  protected Counter newCounter(Meter.Id id) {
    if (!failsRecording(id)) {
      return super.newCounter(id);
    }
    return new CumulativeCounter(id) {
      @Override
      public void increment(double amount) {
        fail();
      }
    };
  }

  @Override
  protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
    if (!failsRecording(id)) {
      return super.newTimer(id, config, pauseDetector);
    }
    return new CumulativeTimer(id, clock, config, pauseDetector, TimeUnit.SECONDS, false) {
      @Override
      protected void recordNonNegative(long amount, TimeUnit unit) {
        fail();
      }
    };
  }

  @Override
  protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config, double scale) {
    if (!failsRecording(id)) {
      return super.newDistributionSummary(id, config, scale);
    }
    return new CumulativeDistributionSummary(id, clock, config, scale, false) {
      @Override
      protected void recordNonNegative(double amount) {
        fail();
      }
    };
  }
}
