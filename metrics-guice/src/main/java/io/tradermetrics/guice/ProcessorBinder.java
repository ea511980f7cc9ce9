package io.tradermetrics.guice;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer's {@link ProcessorMetrics} made to pass {@code promtool check metrics} on the
 * Prometheus registry, which flags two of its names:
 *
 * <ul>
 *   <li>{@code process.cpu.time} (base unit {@code ns}) renders {@code process_cpu_time_ns_total},
 *       an abbreviated unit. {@link #PROMETHEUS_NAMES} denies it on the Prometheus registry and this
 *       binder adds {@code process_cpu_seconds_total}, the name Prometheus's own client libraries
 *       use, with the same source ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime},
 *       converted to seconds). Other registries (OTLP) keep {@code process.cpu.time} as well.
 *   <li>the gauge {@code system.cpu.count} renders {@code system_cpu_count}, and a {@code _count}
 *       suffix belongs to histograms and summaries. {@link #PROMETHEUS_NAMES} renames it to
 *       {@code system.cpu.processors} ({@code system_cpu_processors}): the processors available to
 *       the JVM.
 * </ul>
 *
 * Thread-safe; the counter reads the MXBean at scrape time.
 */
final class ProcessorBinder implements MeterBinder {

  /** Micrometer's name of the process CPU time counter, in nanoseconds. */
  static final String CPU_TIME_NANOS = "process.cpu.time";
  /** Micrometer's name of the available-processors gauge. */
  static final String CPU_COUNT = "system.cpu.count";
  /** What {@link #CPU_COUNT} is called on the Prometheus registry. */
  static final String CPU_PROCESSORS = "system.cpu.processors";
  /** The process CPU time counter in seconds: {@code process_cpu_seconds_total}. */
  static final String CPU_SECONDS = "process.cpu";

  /** The filter {@link Registries} puts on the Prometheus registry before any meter is registered. */
  static final MeterFilter PROMETHEUS_NAMES = new MeterFilter() {
    @Override
    public MeterFilterReply accept(Meter.Id id) {
      return id.getName().equals(CPU_TIME_NANOS)
          ? MeterFilterReply.DENY
          : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
      return id.getName().equals(CPU_COUNT) ? id.withName(CPU_PROCESSORS) : id;
    }
  };

  @Override
  public void bindTo(MeterRegistry registry) {
    new ProcessorMetrics().bindTo(registry);
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      FunctionCounter.builder(CPU_SECONDS, hotspot, ProcessorBinder::cpuSeconds)
          .baseUnit("seconds")
          .description("The CPU time used by the Java virtual machine process, in seconds")
          .register(registry);
    }
  }

  private static double cpuSeconds(com.sun.management.@Nullable OperatingSystemMXBean os) {
    if (os == null) {
      return Double.NaN;
    }
    long nanos = os.getProcessCpuTime();
    return nanos < 0 ? Double.NaN : nanos / 1e9;
  }
}
