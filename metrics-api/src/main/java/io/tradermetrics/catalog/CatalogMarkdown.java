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
        .append("_guard_blocks_total`), with the declared label keys; one name always has the same keys.\n");
    return md.toString();
  }
}
