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

/** docs/configuration.md documents every key of reference.conf, so the page cannot fall behind the module. */
class ConfigurationDocTest {

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
