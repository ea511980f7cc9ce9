package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * reference.conf and docs/configuration.md agree with the key tables (each key's default and range
 * written once, in its area's properties class), so neither can fall behind the module.
 */
class ConfigurationDocTest {

  /** The table rows of docs/configuration.md whose first cell is a {@code tradermetrics.} key, by that key. */
  private static Map<String, String[]> rows() throws IOException {
    Map<String, String[]> rows = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("..", "docs", "configuration.md"))) {
      if (line.startsWith("| `tradermetrics.")) {
        String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
        rows.put(cells[0].substring(1, cells[0].indexOf('`', 1)), cells);
      }
    }
    return rows;
  }

  @Test
  void theConfigurationPageShowsEachKeyWithTheDefaultAndRangeOfItsTable() throws IOException {
    Map<String, String[]> rows = rows();
    for (ConfigKey key : TraderMetricsConfig.KEYS) {
      if (key.openMap()) {
        assertThat(rows.keySet()).as(key.fullPath()).anyMatch(k -> k.startsWith(key.fullPath() + "."));
        continue;
      }
      assertThat(rows).as("a row for " + key.fullPath()).containsKey(key.fullPath());
      String[] cells = rows.get(key.fullPath());
      if (key.documentedDefault() != null) {
        assertThat(cells[1]).as("default of " + key.fullPath()).isEqualTo("`" + key.documentedDefault() + "`");
      }
      if (key.range() != null) {
        assertThat(cells[2]).as("range of " + key.fullPath()).contains(key.range());
      }
    }
  }

  @Test
  void theConfigurationPageNamesNoKeyTheTablesDoNotHave() throws IOException {
    for (String documented : rows().keySet()) {
      assertThat(TraderMetricsConfig.KEYS).as(documented)
          .anyMatch(k -> k.openMap() ? documented.startsWith(k.fullPath() + ".") : documented.equals(k.fullPath()));
    }
  }

  @Test
  void referenceConfHoldsExactlyTheKeysOfTheTablesWithTheirDefaults() {
    com.typesafe.config.Config reference = ConfigFactory.defaultReference();
    Set<String> leaves = new TreeSet<>();
    reference.getConfig("tradermetrics").entrySet().forEach(e -> leaves.add("tradermetrics." + e.getKey()));
    for (ConfigKey key : TraderMetricsConfig.KEYS) {
      leaves.remove(key.fullPath());
      Object expected = key.defaultValue();
      if (key.openMap()) {
        assertThat(reference.getObject(key.fullPath())).as(key.fullPath() + " is an empty map").isEmpty();
      } else if (expected == null) {
        assertThat(reference.hasPath(key.fullPath())).as(key.fullPath() + " has no default").isFalse();
      } else if (expected instanceof java.time.Duration) {
        assertThat(reference.getDuration(key.fullPath())).as(key.fullPath()).isEqualTo(expected);
      } else {
        assertThat(reference.getValue(key.fullPath()).unwrapped()).as(key.fullPath()).isEqualTo(expected);
      }
    }
    assertThat(leaves).as("keys of reference.conf that no table has").isEmpty();
  }

  @Test
  void everyKeyOfReferenceConfIsInTheConfigurationPage() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "configuration.md"));
    Set<String> keys = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : ConfigFactory.defaultReference().getConfig("tradermetrics").entrySet()) {
      keys.add("tradermetrics." + e.getKey());
    }
    // the open maps have no leaf keys by default; their prefixes are documented as `<prefix>.<name>`
    keys.addAll(Set.of("tradermetrics.common-tags", "tradermetrics.histograms.buckets", "tradermetrics.otlp.headers"));

    assertThat(keys).hasSizeGreaterThan(30);
    Set<String> missing = keys.stream().filter(k -> !page.contains("`" + k)).collect(Collectors.toCollection(TreeSet::new));
    assertThat(missing).as("keys of reference.conf not in docs/configuration.md").isEmpty();
  }
}
