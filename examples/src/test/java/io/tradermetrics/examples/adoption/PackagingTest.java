package io.tradermetrics.examples.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published jars as a user's build gets them (copied from this build by the {@code readme-project}
 * profile): a JPMS name each, sources and javadoc beside each, no ajc argument file inside, and
 * metrics-aspects' {@code META-INF/aop.xml} for load-time weaving.
 */
class PackagingTest {

  private static final Path ARTIFACTS = Path.of(System.getProperty("readme.artifacts"));

  @ParameterizedTest
  @CsvSource({"metrics-api, io.tradermetrics.api", "metrics-aspects, io.tradermetrics.aspects",
      "metrics-exporter, io.tradermetrics.exporter", "metrics-guice, io.tradermetrics.guice"})
  void eachJarHasAModuleNameSourcesAndJavadocAndNoBuilddef(String artifact, String moduleName) throws IOException {
    Path jar = ARTIFACTS.resolve(artifact + ".jar");
    List<ModuleReference> modules = List.copyOf(ModuleFinder.of(jar).findAll());
    assertThat(modules).singleElement().extracting(m -> m.descriptor().name()).isEqualTo(moduleName);
    assertThat(modules.get(0).descriptor().isAutomatic()).isTrue();
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo(moduleName);
      assertThat(Collections.list(file.entries())).extracting(ZipEntry::getName).noneMatch(n -> n.endsWith("builddef.lst"));
    }
    try (JarFile sources = new JarFile(ARTIFACTS.resolve(artifact + "-sources.jar").toFile());
         JarFile javadoc = new JarFile(ARTIFACTS.resolve(artifact + "-javadoc.jar").toFile())) {
      assertThat(Collections.list(sources.entries())).extracting(ZipEntry::getName).anyMatch(n -> n.endsWith(".java"));
      assertThat(javadoc.getEntry("index.html")).isNotNull();
    }
  }

  @org.junit.jupiter.api.Test
  void theApiIsDocumentedInTheJavadocJars() throws IOException {
    Map<String, String> pages = Map.of(
        "metrics-aspects", "io/tradermetrics/aspects/TraderMetrics.html",
        "metrics-exporter", "io/tradermetrics/exporter/KillSwitchCheck.html",
        "metrics-guice", "io/tradermetrics/guice/TraderMetricsModule.Builder.html");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      try (JarFile javadoc = new JarFile(ARTIFACTS.resolve(page.getKey() + "-javadoc.jar").toFile())) {
        // at the root (class path mode), or under the module name
        ZipEntry entry = Collections.list(javadoc.entries()).stream().filter(e -> e.getName().equals(page.getValue()) || e.getName().endsWith("/" + page.getValue()))
            .findFirst().orElse(null);
        assertThat(entry).as(page.getValue()).isNotNull();
        assertThat(Collections.list(javadoc.entries())).as("internal packages are not documented")
            .noneMatch(e -> e.getName().contains("/internal/"));
        String html = new String(javadoc.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        switch (page.getKey()) {
          case "metrics-aspects" -> assertThat(html).contains("unbind", "validate", "prepare");
          case "metrics-exporter" -> assertThat(html).contains("isTripped");
          default -> assertThat(html).contains("jvmBinders");
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void metricsAspectsShipsTheLoadTimeWeavingConfiguration() throws IOException {
    try (JarFile jar = new JarFile(ARTIFACTS.resolve("metrics-aspects.jar").toFile())) {
      ZipEntry aop = jar.getEntry("META-INF/aop.xml");
      assertThat(aop).isNotNull();
      assertThat(new String(jar.getInputStream(aop).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("<aspect name=\"io.tradermetrics.aspects.TraderMetricsAspect\"/>");
    }
  }
}
