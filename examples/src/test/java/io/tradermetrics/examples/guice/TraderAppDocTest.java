package io.tradermetrics.examples.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.tradermetrics.guice.TraderMetricsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraderAppDocTest {

  private static final Path GUIDE = Path.of("..", "docs", "guice.md");

  /** The lines between {@code // tag::main[]} and {@code // end::main[]}, without their common indentation. */
  static String region(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int start = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// tag::main[]")).findFirst().orElseThrow());
    int end = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// end::main[]")).findFirst().orElseThrow());
    List<String> region = lines.subList(start + 1, end);
    int indent = region.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return String.join("\n", region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }

  @Test
  void theGuideShowsTheExampleMainVerbatim() throws IOException {
    String main = region(Path.of("src/main/java/io/tradermetrics/examples/guice/TraderApp.java"));
    assertThat(main).contains("Guice.createInjector(", "TraderMetricsModule.builder()");
    assertThat(Files.readString(GUIDE, StandardCharsets.UTF_8)).contains(main);
  }

  @Test
  void theGuideShowsTheExampleSettingsFileVerbatimAndTheFileIsValid() throws IOException {
    String conf;
    try (InputStream in = TraderAppDocTest.class.getResourceAsStream("/tradermetrics.conf")) {
      conf = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    assertThat(Files.readString(GUIDE, StandardCharsets.UTF_8)).contains(conf);
    TraderMetricsConfig config = TraderMetricsConfig.from(ConfigFactory.parseResources("tradermetrics.conf"));
    assertThat(config.commonTags()).containsEntry("application", "market-maker");
    assertThat(config.shutdownHook()).isTrue();
  }
}
