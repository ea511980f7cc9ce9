package io.tradermetrics.guice;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.function.Supplier;

/**
 * The JVM and process binders of Micrometer that {@link TraderMetricsModule} binds, each switched
 * by {@code tradermetrics.binders.<key>} (all on by default). Binders that hold resources
 * ({@link JvmGcMetrics} listens to GC notifications) are closed with the service.
 */
public enum JvmBinder {
  /** Heap and non-heap pools, buffers: {@code jvm_memory_*}, {@code jvm_buffer_*}. */
  JVM_MEMORY("jvm-memory", JvmMemoryMetrics::new),
  /** Pauses, allocation and promotion: {@code jvm_gc_*}. */
  JVM_GC("jvm-gc", JvmGcMetrics::new),
  /** Live, daemon and peak threads and their states: {@code jvm_threads_*}. */
  JVM_THREADS("jvm-threads", JvmThreadMetrics::new),
  /** Loaded and unloaded classes: {@code jvm_classes_*}. */
  CLASS_LOADER("class-loader", ClassLoaderMetrics::new),
  /**
   * Micrometer's {@code ProcessorMetrics} (processors, process and system CPU usage, load average:
   * {@code system_cpu_*}, {@code process_cpu_usage}) plus {@code process_cpu_seconds_total}; on the
   * Prometheus registry {@code system_cpu_count} is renamed {@code system_cpu_processors} and
   * {@code process_cpu_time_ns_total} is replaced by {@code process_cpu_seconds_total}, so that
   * {@code promtool check metrics} passes.
   */
  PROCESSOR("processor", ProcessorBinder::new),
  /** Process start time and uptime: {@code process_uptime_seconds}, {@code process_start_time_seconds}. */
  UPTIME("uptime", UptimeMetrics::new),
  /** Open and maximum file descriptors (Unix): {@code process_files_*}. */
  FILE_DESCRIPTORS("file-descriptors", FileDescriptorMetrics::new);

  private final String key;
  private final Supplier<MeterBinder> factory;

  JvmBinder(String key, Supplier<MeterBinder> factory) {
    this.key = key;
    this.factory = factory;
  }

  /** The key under {@code tradermetrics.binders}, e.g. {@code jvm-gc}. */
  public String key() {
    return key;
  }

  /** A new binder instance. */
  MeterBinder create() {
    return factory.get();
  }
}
