package io.tradermetrics.guice;

import static io.tradermetrics.guice.ConfigKey.string;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The keys of what {@code /info} and {@code tradermetrics_build_info} say ({@code info.*}); empty means "from the class path". Immutable. */
final class InfoProperties {

  private static final Pattern GIT_COMMIT = Pattern.compile("[0-9a-f]{7,40}");

  static final ConfigKey NAME = string("info.name", "",
      "a string, e.g. mm-btc; empty for common-tags.application or the class path's build info");
  static final ConfigKey VERSION = string("info.version", "", "a string, e.g. 1.4.2; empty for the class path's build info");
  static final ConfigKey BUILD_TIME = string("info.build-time", "",
      "an ISO-8601 instant, e.g. 2026-11-21T09:30:00Z; empty for the class path's build info");
  static final ConfigKey GIT_COMMIT_KEY = string("info.git-commit", "",
      "a lower-case hex commit id of 7 to 40 digits, e.g. e1de23f; empty for the class path's git.properties");

  static final List<ConfigKey> KEYS = List.of(NAME, VERSION, BUILD_TIME, GIT_COMMIT_KEY);

  final TraderMetricsConfig.Info info;

  private InfoProperties(ConfigReader r) {
    String buildTime = r.string(BUILD_TIME, v -> v.isEmpty() || instant(v) != null);
    info = new TraderMetricsConfig.Info(blankToNull(r.string(NAME, v -> true)), blankToNull(r.string(VERSION, v -> true)),
        buildTime.isEmpty() ? null : instant(buildTime),
        blankToNull(r.string(GIT_COMMIT_KEY, v -> v.isEmpty() || GIT_COMMIT.matcher(v).matches())));
  }

  static InfoProperties load(ConfigReader reader) {
    return new InfoProperties(reader);
  }

  private static @Nullable Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable String blankToNull(String value) {
    return value.isBlank() ? null : value;
  }
}
