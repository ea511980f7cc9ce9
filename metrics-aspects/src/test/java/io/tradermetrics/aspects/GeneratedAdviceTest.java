package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.annotation.TrackPnl;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advice the annotation processor generates against the generic advice, on the same source: the
 * fixtures {@code AllAnnotations} (every annotation) and {@code ReadPaths} (every way to reach a
 * value, nulls, a throwing accessor, the shapes left to the generic advice) are compiled here twice
 * by ajc, as a user's build does, once as it comes and once with
 * {@code -Atradermetrics.advice=generic}. Both builds make the same calls and must record the same
 * meters with the same values.
 */
class GeneratedAdviceTest {

  private static final Path FIXTURES = Path.of("src/test/fixtures/io/tradermetrics/fixtures");

  @TempDir
  static Path dir;

  private static Path generated;
  private static Path generic;

  @BeforeAll
  static void compileBothWays() throws IOException {
    generated = compile("generated");
    generic = compile("generic", "-Atradermetrics.advice=generic");
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path compile(String name, String... options) throws IOException {
    List<String> errors = errors(name, options);
    assertThat(errors).as("ajc errors compiling the fixtures (%s)", name).isEmpty();
    return dir.resolve(name);
  }

  /** Compiles the fixtures into {@code dir/name} and returns ajc's error messages. */
  private static List<String> errors(String name, String... options) throws IOException {
    Path out = dir.resolve(name);
    Files.createDirectories(out);
    String aspects = location(TraderMetricsAspect.class);
    String classpath = String.join(File.pathSeparator, location(TrackPnl.class), location(org.aspectj.lang.JoinPoint.class),
        aspects, location(io.micrometer.core.instrument.MeterRegistry.class));
    List<String> args = new ArrayList<>(List.of("-17", "-parameters", "-classpath", classpath, "-aspectpath", aspects,
        "-d", out.toString(), "-s", dir.resolve(name + "-sources").toString()));
    args.addAll(List.of(options));
    args.add(FIXTURES.resolve("AllAnnotations.java").toString());
    args.add(FIXTURES.resolve("ReadPaths.java").toString());
    Files.createDirectories(dir.resolve(name + "-sources"));
    MessageHandler messages = new MessageHandler();
    new org.aspectj.tools.ajc.Main().run(args.toArray(String[]::new), messages);
    return Arrays.stream(messages.getMessages(IMessage.ERROR, true)).map(IMessage::getMessage).toList();
  }

  @Test
  void aWrongOptionIsACompileErrorNamingWhatIsValid() throws Exception {
    assertThat(errors("misspelt", "-Atradermetrics.advice=genric")).anySatisfy(e -> assertThat(e)
        .contains("-Atradermetrics.advice=genric").contains("use generated (the default) or generic"));
    assertThat(errors("badRegex", "-Atradermetrics.advice.exclude=io.tradermetrics.(fixtures"))
        .anySatisfy(e -> assertThat(e).contains("-Atradermetrics.advice.exclude=io.tradermetrics.(fixtures")
            .contains("is not a regular expression"));
    assertThat(errors("explicit", "-Atradermetrics.advice=generated")).isEmpty();
    assertThat(Files.exists(dir.resolve("explicit/io/tradermetrics/fixtures/ReadPathsTraderMetricsAdvice.class"))).isTrue();
  }

  @Test
  void anExcludedClassKeepsTheGenericAdvice() throws Exception {
    assertThat(errors("excluded", "-Atradermetrics.advice.exclude=.*\\.ReadPaths(\\$.*)?")).isEmpty();
    assertThat(Files.exists(dir.resolve("excluded/io/tradermetrics/fixtures/ReadPathsTraderMetricsAdvice.class"))).isFalse();
    assertThat(Files.exists(dir.resolve("excluded/io/tradermetrics/fixtures/AllAnnotationsTraderMetricsAdvice.class"))).isTrue();
  }

  /** Loads the fixtures of one build first from its own output, everything else from the test's class path. */
  private static ClassLoader loader(Path out) throws MalformedURLException {
    return new URLClassLoader(new URL[] {out.toUri().toURL()}, GeneratedAdviceTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("io.tradermetrics.fixtures.")) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          return c != null ? c : findClass(name);
        }
      }
    };
  }

  /** Every meter of the registry with its measurements; times are left out (they are the clock's), counts kept. */
  private static Map<String, String> recorded(SimpleMeterRegistry registry) {
    Map<String, String> out = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      String id = meter.getId().getName() + meter.getId().getTags().stream().map(Tag::toString)
          .collect(Collectors.joining(",", "{", "}"));
      List<String> values = new ArrayList<>();
      for (Measurement m : meter.measure()) {
        boolean time = meter.getId().getType() == Meter.Type.TIMER || meter.getId().getType() == Meter.Type.LONG_TASK_TIMER;
        if (!time || m.getStatistic() == Statistic.COUNT || m.getStatistic() == Statistic.ACTIVE_TASKS) {
          values.add(m.getStatistic() + "=" + m.getValue());
        }
      }
      out.put(id, String.join(" ", values));
    }
    return out;
  }

  private static Map<String, String> run(Path out) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
    TraderMetrics.bind(registry);
    try {
      ClassLoader loader = loader(out);
      Class<?> all = loader.loadClass("io.tradermetrics.fixtures.AllAnnotations");
      Object trader = all.getConstructor().newInstance();
      all.getMethod("callEach", all).invoke(null, trader);
      loader.loadClass("io.tradermetrics.fixtures.ReadPaths").getMethod("exercise").invoke(null);
      return recorded(registry);
    } finally {
      TraderMetrics.unbind(registry);
    }
  }

  private static boolean hasGeneratedAdvice(Class<?> type, String method, Class<?>... parameters) throws Exception {
    return type.getDeclaredMethod(method, parameters).isAnnotationPresent(GeneratedAdvice.class);
  }

  private static boolean declaresJoinPointConstants(Class<?> type) {
    return Arrays.stream(type.getDeclaredFields())
        .anyMatch(f -> Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("ajc$tjp_"));
  }

  @Test
  void theProcessorGeneratesAdviceForWhatItCanReadAndLeavesTheRestToTheGenericAdvice() throws Exception {
    ClassLoader loader = loader(generated);
    Class<?> paths = loader.loadClass("io.tradermetrics.fixtures.ReadPaths");
    Class<?> fill = loader.loadClass("io.tradermetrics.fixtures.ReadPaths$Fill");
    Class<?> order = loader.loadClass("io.tradermetrics.fixtures.ReadPaths$Order");
    assertThat(loader.loadClass("io.tradermetrics.fixtures.ReadPathsTraderMetricsAdvice")).isNotNull();
    assertThat(hasGeneratedAdvice(paths, "fill", fill)).isTrue();
    assertThat(hasGeneratedAdvice(paths, "place", String.class)).isTrue();
    assertThat(hasGeneratedAdvice(paths, "place", order)).isTrue();
    assertThat(hasGeneratedAdvice(paths, "staticCall", int.class)).isTrue();
    assertThat(hasGeneratedAdvice(loader.loadClass("io.tradermetrics.fixtures.ReadPaths$Nested"), "place", order)).isTrue();
    assertThat(hasGeneratedAdvice(paths, "wide", String.class, int.class, int.class, int.class, int.class, int.class,
        int.class)).as("seven parameters, one of them read: generated").isTrue();
    assertThat(hasGeneratedAdvice(paths, "submitAsync", String.class)).as("asynchronous: generic").isFalse();
    assertThat(declaresJoinPointConstants(paths)).as("the generic advice's join point, for submitAsync").isTrue();
    assertThat(TraderMetrics.isWoven(paths)).isTrue();

    Class<?> all = loader.loadClass("io.tradermetrics.fixtures.AllAnnotations");
    for (Method m : all.getDeclaredMethods()) {
      if (TraderMetrics.isInstrumented(m)) {
        assertThat(m.isAnnotationPresent(GeneratedAdvice.class)).as("%s has generated advice", m).isTrue();
      }
    }
    assertThat(declaresJoinPointConstants(all)).as("no join point constants: every method has generated advice").isFalse();
    assertThat(TraderMetrics.isWoven(all)).as("woven, though only by generated advice").isTrue();
  }

  @Test
  void withTheGenericOptionNothingIsGenerated() throws Exception {
    ClassLoader loader = loader(generic);
    Class<?> all = loader.loadClass("io.tradermetrics.fixtures.AllAnnotations");
    assertThat(Arrays.stream(all.getDeclaredMethods()).noneMatch(m -> m.isAnnotationPresent(GeneratedAdvice.class))).isTrue();
    assertThat(declaresJoinPointConstants(all)).isTrue();
    assertThat(Files.exists(generic.resolve("io/tradermetrics/fixtures/AllAnnotationsTraderMetricsAdvice.class"))).isFalse();
  }

  @Test
  void bothAdvicesRecordTheSameMetersWithTheSameValues() throws Exception {
    Map<String, String> fromGenerated = run(generated);
    Map<String, String> fromGeneric = run(generic);
    java.util.Set<String> keys = new java.util.TreeSet<>(fromGenerated.keySet());
    keys.addAll(fromGeneric.keySet());
    List<String> differences = keys.stream().filter(k -> !java.util.Objects.equals(fromGenerated.get(k), fromGeneric.get(k)))
        .map(k -> k + ": generated " + fromGenerated.get(k) + ", generic " + fromGeneric.get(k)).toList();
    assertThat(differences).as("meters that differ between the two advices").isEmpty();
    assertThat(fromGenerated).isNotEmpty();

    // and the figures are the calls' (so the comparison is not between two empty or two broken runs):
    // BTC/USD fills: AllAnnotations' one, fill(fill), fillInLots(fill); the broken getter's two are not fills
    assertThat(fromGenerated)
        .containsEntry("trader.orders.filled{tag(side=unknown),tag(symbol=BTC/USD),tag(venue=desk)}", "COUNT=3.0")
        // fill(noOrder): null halfway along the label path; fill(null) has no quantity at all
        .containsEntry("trader.orders.filled{tag(side=unknown),tag(symbol=unknown),tag(venue=desk)}", "COUNT=1.0")
        // the getter threw on both brokenFill calls: each a read failure, counted, the call unharmed
        .containsEntry("tradermetrics.instrumentation.errors{tag(annotation=(read))}", "COUNT=2.0")
        // a float result, read as the position (the generic advice gets it boxed)
        .containsEntry("trader.position{tag(symbol=ETH/USD),tag(venue=unknown)}", "VALUE=-1.5");
  }
}
