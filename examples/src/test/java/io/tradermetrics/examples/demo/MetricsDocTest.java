package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.examples.marketmaker.BitstampTrades;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md (generated from the catalog) names every metric family the demo serves at
 * {@code /metrics}: by its exact name, as the {@code _max} gauge of a documented timer or histogram,
 * or under a documented prefix ({@code jvm_*}).
 */
class MetricsDocTest {

  @Test
  void everyFamilyTheDemoServesIsInTheMetricsPage() throws Exception {
    String page = Files.readString(Path.of("..", "docs", "metrics.md"));
    List<String> prefixes = page.lines()
        .filter(l -> l.startsWith("| `") && l.contains("_*`"))
        .map(l -> l.substring(3, l.indexOf("*`")))
        .toList();
    assertThat(prefixes).contains("jvm_", "process_", "system_");

    String body;
    try (Demo demo = Demo.start("127.0.0.1", 0)) {
      demo.replay(BitstampTrades.load(5000), Duration.ZERO, n -> {});
      HttpClient http = HttpClient.newHttpClient();
      http.send(HttpRequest.newBuilder(demo.metricsUri()).build(), HttpResponse.BodyHandlers.discarding());
      body = http.send(HttpRequest.newBuilder(demo.metricsUri()).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
    Set<String> families = body.lines()
        .filter(l -> l.startsWith("# TYPE "))
        .map(l -> l.split(" ")[2])
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(families).contains("trader_order_ack_latency_seconds", "trader_pnl_realized", "tradermetrics_build_info");

    Set<String> undocumented = families.stream()
        .filter(f -> !documented(page, f) && !(f.endsWith("_max") && documented(page, f.substring(0, f.length() - 4))))
        .filter(f -> prefixes.stream().noneMatch(f::startsWith))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(undocumented).as("families served by the demo but not in docs/metrics.md").isEmpty();
  }

  private static boolean documented(String page, String family) {
    return page.contains("`" + family + "`");
  }
}
