package io.tradermetrics.catalog;

import java.util.List;
import java.util.Locale;

/**
 * One entry of the {@link MetricCatalog}.
 *
 * <p>{@code name} is the Micrometer meter name without namespace, lower-case with dots
 * ({@code order.latency}); the registered meter is named {@code <namespace>.<name>} unless the
 * entry is {@linkplain #namespaced() not namespaced}. {@code unit} is written out for people
 * ("seconds", "base-asset quantity", "quote currency"); the Prometheus suffix ({@code _seconds},
 * {@code _total}) is added by the registry's naming convention. Immutable and thread-safe.
 *
 * @param name        meter name without namespace, e.g. {@code order.latency}
 * @param type        how Prometheus sees it
 * @param unit        the unit of the value, for people
 * @param labelKeys   the label keys every series of this metric carries, in documentation order
 * @param help        the {@code # HELP} text
 * @param namespaced  whether the configurable namespace ({@code trader} by default) is prepended
 */
public record MetricDefinition(
    String name, MetricType type, String unit, List<String> labelKeys, String help, boolean namespaced) {

  /** Copies {@code labelKeys}. */
  public MetricDefinition {
    labelKeys = List.copyOf(labelKeys);
  }

  /**
   * The Micrometer meter name under a namespace.
   *
   * @param namespace the namespace, e.g. {@code trader}; ignored for entries that are not namespaced
   * @return for example {@code trader.order.latency}
   */
  public String meterName(String namespace) {
    return namespaced ? namespace + "." + name : name;
  }

  /**
   * The Prometheus series family name under a namespace, as Micrometer's Prometheus naming
   * convention renders it: dots become underscores, timers get {@code _seconds}, counters
   * {@code _total}.
   *
   * @param namespace the namespace, e.g. {@code trader}
   * @return for example {@code trader_order_latency_seconds}
   */
  public String prometheusName(String namespace) {
    String base = meterName(namespace).replace('.', '_').toLowerCase(Locale.ROOT);
    return switch (type) {
      case COUNTER -> base + "_total";
      case HISTOGRAM -> unit.equals(MetricCatalog.SECONDS) ? base + "_seconds" : base;
      case GAUGE -> base;
    };
  }
}
