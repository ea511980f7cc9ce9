package io.tradermetrics.exporter;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The exporter's own meters: {@code tradermetrics_build_info}, {@code tradermetrics_scrape_duration_seconds}
 * ({@code outcome} success or error), {@code tradermetrics_scrape_size_bytes} and one
 * {@code tradermetrics_health_status{check,kind,status}} series per check and status. Registered
 * when created, removed by {@link #remove()}. Thread-safe.
 */
final class ExporterMeters {

  private static final String SCRAPE_HELP =
      "Time to answer one /metrics request, from the request handler's start to the last byte written";

  private final MeterRegistry registry;
  private final List<Meter> own = new ArrayList<>();
  private final Timer scrapeOk;
  private final Timer scrapeError;
  private final DistributionSummary scrapeSize;

  ExporterMeters(MeterRegistry registry, String applicationVersion, HealthChecks health) {
    this.registry = registry;
    own.add(Gauge.builder("tradermetrics.build.info", () -> 1)
        .description("Build information of the application serving these metrics; the value is always 1")
        .tag("version", applicationVersion)
        .register(registry));
    scrapeOk = Timer.builder("tradermetrics.scrape.duration").description(SCRAPE_HELP).tag("outcome", "success")
        .register(registry);
    scrapeError = Timer.builder("tradermetrics.scrape.duration").description(SCRAPE_HELP).tag("outcome", "error")
        .register(registry);
    scrapeSize = DistributionSummary.builder("tradermetrics.scrape.size")
        .description("Size of one /metrics response body as sent (compressed when gzip was negotiated)")
        .baseUnit("bytes").register(registry);
    own.add(scrapeOk);
    own.add(scrapeError);
    own.add(scrapeSize);
    List<HealthCheck> checks = health.checks();
    for (int i = 0; i < checks.size(); i++) {
      int index = i;
      HealthCheck check = checks.get(i);
      for (HealthStatus status : HealthStatus.values()) {
        own.add(Gauge.builder("tradermetrics.health.status", () -> health.status(index) == status ? 1 : 0)
            .description("Status of each health check, one series per status: 1 for the check's current status, "
                + "0 for the others (the check is run at most once a second, with the check timeout)")
            .tag("check", check.name())
            .tag("kind", check.kind().name().toLowerCase(Locale.ROOT))
            .tag("status", status.name().toLowerCase(Locale.ROOT))
            .register(registry));
      }
    }
  }

  /** Records one scrape: success when it answered 200, with its body size; error otherwise. */
  void scraped(int status, long nanos, long bodyBytes) {
    if (status == 200) {
      scrapeOk.record(nanos, TimeUnit.NANOSECONDS);
      scrapeSize.record(bodyBytes);
    } else {
      scrapeError.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  void remove() {
    for (Meter m : own) {
      registry.remove(m);
    }
  }
}
