package io.tradermetrics.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogMarkdownTest {

  private static final Path PAGE = Path.of("..", "docs", "metrics.md");

  @Test
  void committedPageIsTheOneGeneratedFromTheCatalog() throws Exception {
    String generated = CatalogMarkdown.render("trader");
    if (Boolean.getBoolean("tradermetrics.updateDocs")) {
      Files.createDirectories(PAGE.getParent());
      Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
    }
    assertThat(PAGE).as("docs/metrics.md is stale: rerun with -Dtradermetrics.updateDocs=true").exists();
    assertThat(Files.readString(PAGE, StandardCharsets.UTF_8)).isEqualTo(generated);
  }

  @Test
  void everyEntryRendersItsPrometheusNameAndHelp() {
    String page = CatalogMarkdown.render("desk");
    for (MetricDefinition d : MetricCatalog.all()) {
      assertThat(page).contains("`" + d.prometheusName("desk") + "`").contains(d.help());
      assertThat(d.help()).isNotBlank();
    }
    assertThat(page).contains("`desk_order_latency_seconds`").contains("`tradermetrics_instrumentation_errors_total`");
  }
}
