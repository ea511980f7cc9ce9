package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard against Grafana's published dashboard and panel types: the npm package
 * {@code @grafana/schema}, turned into JSON Schema and checked with ajv by
 * {@code monitoring/grafana/schema-check/check-dashboard.mjs} (its packages installed by
 * {@code npm ci} in the build, see the examples pom).
 */
class DashboardSchemaTest {

  private static final Path CHECK = Tools.MONITORING.resolve("grafana/schema-check");

  private static Tools.Result check(Path dashboard) throws Exception {
    Path node = Tools.find("nodejs", "node", "nodejs");
    assertThat(CHECK.resolve("node_modules/@grafana/schema")).as(
        "run 'npm ci' in " + CHECK + " (the examples build does it in generate-test-resources)").isDirectory();
    return Tools.run(CHECK, node, "check-dashboard.mjs", dashboard);
  }

  @Test
  void dashboardIsValidAgainstGrafanasPublishedSchema() throws Exception {
    Tools.Result result = check(Tools.DASHBOARD);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("valid against @grafana/schema").contains("stat, timeseries, table, heatmap");
  }

  @Test
  void aMisspeltPanelOptionFailsTheCheck(@TempDir Path dir) throws Exception {
    String dashboard = Files.readString(Tools.DASHBOARD, StandardCharsets.UTF_8);
    Path typo = dir.resolve("typo.json");
    Files.writeString(typo, dashboard.replaceFirst("\"showLegend\"", "\"showLegnd\""), StandardCharsets.UTF_8);
    Tools.Result result = check(typo);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("'Net position per symbol (desk)' (timeseries) options/legend")
        .contains("must NOT have additional properties 'showLegnd'");
  }
}
