package io.tradermetrics.guice;

import static io.tradermetrics.guice.ConfigKey.bool;
import static io.tradermetrics.guice.ConfigKey.duration;
import static io.tradermetrics.guice.ConfigKey.map;
import static io.tradermetrics.guice.ConfigKey.string;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The keys of the OTLP push registry ({@code otlp.*}). Immutable. */
final class OtlpProperties {

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  static final ConfigKey ENABLED = bool("otlp.enabled", false);
  static final ConfigKey URL = string("otlp.url", "http://localhost:4318/v1/metrics",
      "an http or https URL, e.g. http://localhost:4318/v1/metrics");
  static final ConfigKey STEP = duration("otlp.step", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofDays(1));
  static final ConfigKey HEADERS = map("otlp.headers", "HTTP header names to strings");

  static final List<ConfigKey> KEYS = List.of(ENABLED, URL, STEP, HEADERS);

  final TraderMetricsConfig.@Nullable Otlp otlp;

  private OtlpProperties(ConfigReader r) {
    boolean enabled = r.bool(ENABLED);
    URI url = r.httpUrl(URL);
    Duration step = r.duration(STEP);
    Map<String, String> headers = r.stringMap(HEADERS, HEADER_NAME, "an HTTP header name");
    otlp = enabled && url != null ? new TraderMetricsConfig.Otlp(url, step, headers) : null;
  }

  static OtlpProperties load(ConfigReader reader) {
    return new OtlpProperties(reader);
  }
}
