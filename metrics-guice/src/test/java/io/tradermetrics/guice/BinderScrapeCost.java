package io.tradermetrics.guice;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: a measurement program for docs/performance.md. Scrapes a Prometheus registry holding
 * only one {@link JvmBinder}'s meters (and one holding none, the baseline) in text format, and
 * prints the mean time per {@code scrape()} and the number of samples, so that each binder's share
 * of a scrape can be read. Binders are measured interleaved, in rounds, to spread machine noise.
 *
 * <p>Run: {@code java -cp metrics-guice/target/test-classes:metrics-guice/target/classes:$(cat /tmp/cp-guice.txt)
 * io.tradermetrics.guice.BinderScrapeCost [scrapes per round] [rounds]}, with {@code cp.txt} from
 * {@code mvn -q -B dependency:build-classpath -pl metrics-guice -Dmdep.outputFile=/tmp/cp-guice.txt -Dmdep.includeScope=test}.
 */
final class BinderScrapeCost {

  private BinderScrapeCost() {}

  public static void main(String[] args) {
    int scrapes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> names = new ArrayList<>();
    List<PrometheusMeterRegistry> registries = new ArrayList<>();
    names.add("(no binder)");
    registries.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    for (JvmBinder binder : JvmBinder.values()) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry.config().meterFilter(ProcessorBinder.PROMETHEUS_NAMES);
      MeterBinder created = binder.create();
      created.bindTo(registry);
      names.add(binder.key());
      registries.add(registry);
    }
    long[] nanos = new long[registries.size()];
    for (int round = 0; round <= rounds; round++) {
      for (int i = 0; i < registries.size(); i++) {
        long t0 = System.nanoTime();
        for (int s = 0; s < scrapes; s++) {
          registries.get(i).scrape();
        }
        if (round > 0) { // round 0 warms up
          nanos[i] += System.nanoTime() - t0;
        }
      }
    }
    System.out.printf("%-18s %12s %8s%n", "binder", "us/scrape", "samples");
    for (int i = 0; i < registries.size(); i++) {
      long samples = registries.get(i).scrape().lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
      System.out.printf("%-18s %12.1f %8d%n", names.get(i), nanos[i] / 1e3 / ((long) scrapes * rounds), samples);
    }
  }
}
