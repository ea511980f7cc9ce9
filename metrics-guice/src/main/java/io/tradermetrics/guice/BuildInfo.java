package io.tradermetrics.guice;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /info} says about the application: {@code tradermetrics.info.*} first, then the
 * class path's build metadata in the formats Maven builds commonly produce:
 *
 * <ul>
 *   <li>{@code META-INF/build-info.properties} with {@code build.name}, {@code build.version} and
 *       {@code build.time} (ISO-8601 instant), the format of Spring Boot's {@code build-info} goal,
 *       or written by Maven resource filtering as the examples module does;
 *   <li>{@code git.properties} with {@code git.commit.id.abbrev} or {@code git.commit.id}, the
 *       format of {@code git-commit-id-maven-plugin}.
 * </ul>
 *
 * A value that cannot be read (a {@code build.time} that is not an instant) is left out with a WARN
 * naming the file and key; the exporter then omits it. Immutable.
 */
record BuildInfo(@Nullable String name, @Nullable String version, @Nullable Instant buildTime,
    @Nullable String gitCommit) {

  private static final Logger LOG = LoggerFactory.getLogger(BuildInfo.class);
  static final String BUILD_INFO = "META-INF/build-info.properties";
  static final String GIT_PROPERTIES = "git.properties";

  /**
   * Resolves each field: configuration, then (for the name) the {@code application} common tag,
   * then the class path resources of {@code loader}.
   */
  static BuildInfo resolve(TraderMetricsConfig config, ClassLoader loader) {
    TraderMetricsConfig.Info info = config.info();
    Properties build = load(loader, BUILD_INFO);
    Properties git = load(loader, GIT_PROPERTIES);
    String name = first(info.name(), config.commonTags().get("application"), build.getProperty("build.name"));
    String version = first(info.version(), build.getProperty("build.version"));
    Instant buildTime = info.buildTime() != null ? info.buildTime() : instant(build.getProperty("build.time"));
    String commit = first(info.gitCommit(), git.getProperty("git.commit.id.abbrev"), git.getProperty("git.commit.id"));
    return new BuildInfo(name, version, buildTime, commit);
  }

  private static @Nullable String first(@Nullable String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  private static @Nullable Instant instant(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      LOG.warn("{} key build.time = '{}' is not an ISO-8601 instant (e.g. 2026-11-21T09:30:00Z); /info leaves the build time out",
          BUILD_INFO, value);
      return null;
    }
  }

  private static Properties load(ClassLoader loader, String resource) {
    Properties properties = new Properties();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("cannot read {} from the class path; /info leaves its values out", resource, e);
    }
    return properties;
  }
}
