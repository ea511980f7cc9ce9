package io.tradermetrics.catalog;

import java.util.stream.Collectors;

/**
 * Renders the {@link MetricCatalog} as the Markdown of {@code docs/metrics.md}, so that the page is
 * generated from the one place in code that names the metrics. A test in this module fails when
 * the committed page differs; run it with {@code -Dtradermetrics.updateDocs=true} to rewrite it.
 */
public final class CatalogMarkdown {

  private CatalogMarkdown() {}

  /**
   * The page.
   *
   * @param namespace the namespace the names are shown under, e.g. {@code trader}
   * @return Markdown text ending in a newline
   */
  public static String render(String namespace) {
    StringBuilder md = new StringBuilder();
    md.append("# Metric catalog\n\n")
        .append("Generated from `io.tradermetrics.catalog.MetricCatalog` by `CatalogMarkdown`; do not edit by hand ")
        .append("(`mvn -pl metrics-api test -Dtradermetrics.updateDocs=true` rewrites it).\n\n")
        .append("Names are shown with the default namespace `").append(namespace)
        .append("`. Label values filled in by tradermetrics: `").append(MetricCatalog.UNKNOWN)
        .append("` where no value was given, `").append(MetricCatalog.OTHER)
        .append("` past a label's cardinality limit, `").append(MetricCatalog.NONE)
        .append("` for the `exception` label of calls that did not throw.\n\n")
        .append("| Prometheus name | type | unit | labels | help |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    for (MetricDefinition d : MetricCatalog.all()) {
      md.append("| `").append(d.prometheusName(namespace)).append("` | ")
          .append(d.type().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
          .append(d.unit()).append(" | ")
          .append(d.labelKeys().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "))).append(" | ")
          .append(d.help()).append(" |\n");
    }
    md.append("\nHistograms expose `_bucket{le=...}`, `_count` and `_sum`; latency buckets default to ")
        .append(MetricCatalog.DEFAULT_LATENCY_BUCKETS_SECONDS.stream().map(String::valueOf).collect(Collectors.joining(", ")))
        .append(" seconds; spread and slippage buckets default to ")
        .append(MetricCatalog.DEFAULT_BPS_BUCKETS.stream().map(String::valueOf).collect(Collectors.joining(", ")))
        .append(" bps. Both are configurable per annotation (`buckets`) and in the settings.\n")
        .append("\n`@CountEvent(name = \"guard.blocks\", labels = {...})` adds counters of your own naming, `")
        .append(namespace).append("_<name>_total` (here `").append(namespace)
        .append("_guard_blocks_total`), with the declared label keys; one name always has the same keys.\n")
        .append("\nEvery timer and histogram also exposes a `_max` gauge (Micrometer's decaying maximum, over about the last")
        .append(" two minutes).\n")
        .append("\n## Other series on `/metrics`\n\n")
        .append("Not from annotations: the exporter's own series (`metrics-exporter`) and the JVM and process series of")
        .append(" Micrometer's binders, which the Guice module binds (each switched by `tradermetrics.binders.<key>`, see")
        .append(" [configuration.md](configuration.md)).\n\n")
        .append("| Prometheus name | type | unit | labels | help |\n")
        .append("| --- | --- | --- | --- | --- |\n")
        .append("| `tradermetrics_build_info` | gauge | | `version` | Build information of the application serving these")
        .append(" metrics; the value is always 1 |\n")
        .append("| `tradermetrics_scrape_duration_seconds` | summary | seconds | `outcome` | Time to answer one /metrics")
        .append(" request (`_count`, `_sum`, `_max`) |\n")
        .append("| `tradermetrics_scrape_size_bytes` | summary | bytes | | Size of one /metrics response body as sent |\n")
        .append("| `tradermetrics_health_status` | gauge | | `check`, `kind`, `status` | One series per health check and")
        .append(" status: 1 for the check's current status, else 0 |\n")
        .append("| `jvm_*` | gauge, counter, summary | bytes, threads, classes, seconds | per binder | Micrometer's JVM")
        .append(" memory, buffer, GC, thread and class loader binders |\n")
        .append("| `process_*` | gauge, counter | seconds, files, ratio | | CPU (`process_cpu_seconds_total`,")
        .append(" `process_cpu_usage`), start time, uptime, open and maximum file descriptors |\n")
        .append("| `system_*` | gauge | processors, ratio | | `system_cpu_processors` (processors available to the JVM),")
        .append(" `system_cpu_usage`, `system_load_average_1m` |\n");
    return md.toString();
  }
}
