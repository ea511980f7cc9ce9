package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInfoTest {

  @TempDir
  Path classPath;

  private ClassLoader loaderWith(Map<String, String> resources) throws IOException {
    for (Map.Entry<String, String> e : resources.entrySet()) {
      Path file = classPath.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
    }
    return new URLClassLoader(new URL[] {classPath.toUri().toURL()}, null);
  }

  private static TraderMetricsConfig config(String hocon) {
    return TraderMetricsConfig.from(ConfigFactory.parseString(hocon));
  }

  @Test
  void readsBuildInfoAndGitPropertiesFromTheClassPath() throws IOException {
    ClassLoader loader = loaderWith(Map.of(
        "META-INF/build-info.properties", "build.name=mm-btc\nbuild.version=1.4.2\nbuild.time=2026-11-20T17:05:11Z\n",
        "git.properties", "git.commit.id=e1de23f0a4c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5\ngit.commit.id.abbrev=e1de23f\n"));

    BuildInfo info = BuildInfo.resolve(config(""), loader);

    assertThat(info).isEqualTo(new BuildInfo("mm-btc", "1.4.2", Instant.parse("2026-11-20T17:05:11Z"), "e1de23f"));
  }

  @Test
  void configurationWinsOverTheClassPathAndTheApplicationTagOverBuildName() throws IOException {
    ClassLoader loader = loaderWith(Map.of(
        "META-INF/build-info.properties", "build.name=from-build\nbuild.version=1.0\nbuild.time=2026-01-01T00:00:00Z\n",
        "git.properties", "git.commit.id=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"));

    BuildInfo tagged = BuildInfo.resolve(config("tradermetrics.common-tags.application = mm-eth"), loader);
    BuildInfo configured = BuildInfo.resolve(config("""
        tradermetrics.common-tags.application = mm-eth
        tradermetrics.info { name = desk-7, version = 2.0.0-rc1, build-time = "2026-11-21T08:00:00Z", git-commit = 0123abcd }
        """), loader);

    assertThat(tagged).isEqualTo(new BuildInfo("mm-eth", "1.0", Instant.parse("2026-01-01T00:00:00Z"),
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    assertThat(configured).isEqualTo(new BuildInfo("desk-7", "2.0.0-rc1", Instant.parse("2026-11-21T08:00:00Z"), "0123abcd"));
  }

  @Test
  void leavesOutWhatIsNeitherConfiguredNorOnTheClassPathAndABuildTimeThatIsNotAnInstant() throws IOException {
    ClassLoader loader = loaderWith(Map.of("META-INF/build-info.properties", "build.version=3.1\nbuild.time=last tuesday\n"));

    assertThat(BuildInfo.resolve(config(""), loader)).isEqualTo(new BuildInfo(null, "3.1", null, null));
  }
}
