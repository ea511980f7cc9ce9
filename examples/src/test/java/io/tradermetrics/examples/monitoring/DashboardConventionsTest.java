package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard is built for a fleet: every series it reads is filtered by the variables that
 * apply to it, judged against the labels the metric catalog ({@code docs/metrics.md}, generated from
 * the code) and the recording rules ({@code rules.yml}) give each series; every panel has a unit,
 * a description and its entry in the runbook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardConventionsTest {

  private static final Path METRICS_DOC = Path.of("..", "docs", "metrics.md").toAbsolutePath().normalize();
  private static final Pattern CATALOG_ROW = Pattern.compile("^\\| `([a-z_*]+)` \\| (\\w+(?:, \\w+)*) \\|[^|]*\\|([^|]*)\\|", Pattern.MULTILINE);
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}");
  private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern BARE_METRIC = Pattern.compile(
      "(?<![\\w:])((?:trader[_:]|tradermetrics_|jvm_|process_|scrape_)[\\w:]*+|ALERTS|up)(?![\\w:])(?!\\s*\\{)");
  /** Series Prometheus (or an agent) writes about each target: job and instance only. */
  private static final Set<String> SCRAPER_SERIES = Set.of("up", "scrape_samples_scraped");

  private Dashboard dashboard;
  private Map<String, Set<String>> catalogLabels;
  private Map<String, Set<String>> recordedLabels;
  private String metricsDoc;

  @BeforeAll
  void load() throws Exception {
    dashboard = Dashboard.load(Tools.DASHBOARD);
    metricsDoc = Files.readString(METRICS_DOC, StandardCharsets.UTF_8);
    catalogLabels = new HashMap<>();
    Matcher row = CATALOG_ROW.matcher(metricsDoc);
    while (row.find()) {
      Set<String> labels = new HashSet<>();
      Matcher label = Pattern.compile("`(\\w+)`").matcher(row.group(3));
      while (label.find()) {
        labels.add(label.group(1));
      }
      String name = row.group(1);
      catalogLabels.put(name, labels);
      if (row.group(2).contains("histogram") || row.group(2).contains("summary")) {
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
          catalogLabels.put(name + suffix, labels);
        }
      }
    }
    assertThat(catalogLabels).as("catalog rows read from " + METRICS_DOC).containsKeys("trader_position", "jvm_*");
    recordedLabels = new HashMap<>();
    for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(Tools.RULES.toFile()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("record")) {
          Matcher by = Pattern.compile("by \\(([^)]*)\\)").matcher(rule.get("expr").asText());
          Set<String> labels = new HashSet<>();
          if (by.find()) {
            for (String l : by.group(1).split(",")) {
              labels.add(l.strip());
            }
          }
          recordedLabels.put(rule.get("record").asText(), labels);
        }
      }
    }
  }

  @Test
  void everySeriesIsFilteredByTheVariablesThatApplyToIt() {
    List<String> problems = new ArrayList<>();
    int selectors = 0;
    for (Dashboard.Query query : dashboard.queries()) {
      String where = "panel '" + query.panel() + "' " + query.refId() + ": ";
      Matcher bare = BARE_METRIC.matcher(query.expr().replaceAll("\\{[^}]*\\}", "{}"));
      while (bare.find()) {
        problems.add(where + bare.group(1) + " without a selector");
      }
      Matcher selector = SELECTOR.matcher(query.expr());
      while (selector.find()) {
        selectors++;
        String name = selector.group(1);
        Map<String, String> matchers = new HashMap<>();
        Matcher m = MATCHER.matcher(selector.group(2));
        while (m.find()) {
          matchers.put(m.group(1), m.group(2) + "\"" + m.group(3) + "\"");
        }
        for (Map.Entry<String, String> required : required(name, where, problems).entrySet()) {
          if (!required.getValue().equals(matchers.get(required.getKey()))) {
            problems.add(where + name + " needs " + required.getKey() + required.getValue() + ", has " + matchers);
          }
        }
      }
    }
    assertThat(selectors).isGreaterThan(50);
    assertThat(problems).isEmpty();
  }

  /** The matchers a series needs: those of the variables whose label it carries. */
  private Map<String, String> required(String name, String where, List<String> problems) {
    Map<String, String> required = new HashMap<>();
    required.put("job", "=~\"$job\"");
    required.put("instance", "=~\"$instance\"");
    if (SCRAPER_SERIES.contains(name)) {
      return required;
    }
    if (name.equals("ALERTS")) {
      // an alert carries instance and strategy only when its series did: match them, or their absence
      required.put("job", "=~\"$job|\"");
      required.put("instance", "=~\"$instance|\"");
      required.put("strategy", "=~\"$strategy|\"");
      return required;
    }
    required.put("strategy", "=~\"$strategy\"");
    Set<String> labels;
    if (recordedLabels.containsKey(name)) {
      labels = recordedLabels.get(name);
      required.remove("instance"); // summed over instances: the desk panels
      assertThat(labels).as(name + " keeps job and strategy").contains("job", "strategy");
    } else if (catalogLabels.containsKey(name)) {
      labels = catalogLabels.get(name);
    } else if (name.matches("(jvm|process|system)_\\w+")) {
      labels = catalogLabels.get(name.substring(0, name.indexOf('_')) + "_*");
    } else if (name.startsWith("trader_") && name.endsWith("_total") && metricsDoc.contains("`" + name + "`")) {
      labels = Set.of(); // a @CountEvent counter named by the demo, e.g. trader_guard_blocks_total
    } else {
      problems.add(where + name + " is neither in docs/metrics.md nor recorded by rules.yml");
      labels = Set.of();
    }
    if (labels.contains("venue")) {
      required.put("venue", "=~\"$venue\"");
    }
    if (labels.contains("symbol")) {
      required.put("symbol", "=~\"$symbol\"");
    }
    return required;
  }

  @Test
  void everyPanelHasAUnitADescriptionAndARunbookEntry() throws Exception {
    String runbook = Files.readString(Tools.RUNBOOK, StandardCharsets.UTF_8);
    List<String> problems = new ArrayList<>();
    int panels = 0;
    for (JsonNode panel : dashboard.panels()) {
      if (panel.get("type").asText().equals("row")) {
        continue;
      }
      panels++;
      String title = panel.get("title").asText();
      List<String> units = new ArrayList<>(List.of(panel.at("/fieldConfig/defaults/unit").asText()));
      if (panel.get("type").asText().equals("heatmap")) {
        units.add(panel.at("/options/yAxis/unit").asText());
      }
      for (String unit : units) {
        if (unit.isBlank() || unit.equals("none")) {
          problems.add(title + ": unit '" + unit + "'");
        }
      }
      if (panel.path("description").asText().isBlank()) {
        problems.add(title + ": no description");
      }
      if (!runbook.contains("**" + title + "**")) {
        problems.add(title + ": not in the runbook as **" + title + "**");
      }
    }
    assertThat(panels).isGreaterThan(30);
    assertThat(problems).isEmpty();
  }

  @Test
  void offersJobStrategyInstanceVenueAndSymbolChainedFromTheJob() {
    List<String> names = dashboard.queryVariables().stream().map(v -> v.get("name").asText()).toList();
    assertThat(names).containsExactly("job", "strategy", "instance", "venue", "symbol");
    for (JsonNode variable : dashboard.queryVariables()) {
      assertThat(variable.get("multi").asBoolean()).as(variable.get("name").asText()).isTrue();
      assertThat(variable.get("includeAll").asBoolean()).as(variable.get("name").asText()).isTrue();
      if (!variable.get("name").asText().equals("job")) {
        assertThat(variable.get("query").asText()).as(variable.get("name").asText()).contains("job=~\"$job\"");
      }
    }
    JsonNode instance = dashboard.queryVariables().get(2);
    assertThat(instance.get("query").asText()).contains("strategy=~\"$strategy\"");
    assertThat(instance.has("allValue")).as("All instances means those of the selected strategies, not .+").isFalse();
  }
}
