package io.tradermetrics.guice;

import io.prometheus.metrics.core.exemplars.ExemplarLabelsSupplier;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.tracer.common.SpanContext;
import io.tradermetrics.aspects.OrderExemplars;
import org.jspecify.annotations.Nullable;

/**
 * The span context the Prometheus registry's exemplar samplers ask when they take an exemplar:
 * a sample while the order lifecycle records an order's latency ({@link OrderExemplars}) is an
 * exemplar candidate, labelled {@code order_id} with the client order id; when an OpenTelemetry
 * span is current (client_java's {@code prometheus-metrics-tracer-otel} or
 * {@code -otel-agent} on the class path), also its {@code trace_id} and {@code span_id}, and
 * then samples of every histogram are candidates, as with client_java's own tracer support.
 * Without a span, {@code trace_id} and {@code span_id} are empty: the registry's sampler takes an
 * exemplar only from a span context with both ids.
 *
 * <p><b>Cost.</b> The registry's sampler is rate-limited per histogram (client_java's
 * {@code ExemplarSampler}: after an exemplar is taken, no new one for the sample interval, 90 ms by
 * default, and one per bucket kept at least the minimum retention period): between those, a record
 * reads one atomic flag and never calls this class. When it does, this class reads a thread-local
 * and, only if it then takes the exemplar, renders the id (one string and the labels: the
 * allocation of one exemplar, at most once per interval and histogram). Thread-safe.
 */
public final class OrderSpanContext implements SpanContext {

  private static final String NO_ID = "";

  private final @Nullable SpanContext tracing;

  OrderSpanContext(@Nullable SpanContext tracing) {
    this.tracing = tracing;
  }

  /**
   * The span context of the module's Prometheus registry, with OpenTelemetry's when it is on the
   * class path, and the {@code order_id} labels supplier installed (once per JVM: client_java's
   * supplier is global).
   */
  public static OrderSpanContext create() {
    ExemplarLabelsSupplier.setExemplarLabelsSupplier(OrderSpanContext::orderLabels);
    return new OrderSpanContext(openTelemetry());
  }

  /** The {@code order_id} label of the order being recorded on this thread, or no label. */
  static Labels orderLabels() {
    String id = OrderExemplars.currentOrderId();
    return id == null ? Labels.EMPTY : Labels.of(OrderExemplars.ORDER_ID, id);
  }

  private static @Nullable SpanContext openTelemetry() {
    for (String name : new String[] {"io.prometheus.metrics.tracer.otel_agent.OpenTelemetryAgentSpanContext",
        "io.prometheus.metrics.tracer.otel.OpenTelemetrySpanContext"}) {
      try {
        Class<?> type = Class.forName(name);
        if ((Boolean) type.getMethod("isAvailable").invoke(null)) {
          return (SpanContext) type.getConstructor().newInstance();
        }
      } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
        // not on the class path, or not usable: order ids only
      }
    }
    return null;
  }

  private boolean tracingSampled() {
    SpanContext t = tracing;
    return t != null && t.isCurrentSpanSampled() && t.getCurrentTraceId() != null && t.getCurrentSpanId() != null;
  }

  @Override
  public @Nullable String getCurrentTraceId() {
    if (tracingSampled()) {
      return tracing.getCurrentTraceId();
    }
    return OrderExemplars.isRecording() ? NO_ID : null;
  }

  @Override
  public @Nullable String getCurrentSpanId() {
    if (tracingSampled()) {
      return tracing.getCurrentSpanId();
    }
    return OrderExemplars.isRecording() ? NO_ID : null;
  }

  @Override
  public boolean isCurrentSpanSampled() {
    return OrderExemplars.isRecording() || tracingSampled();
  }

  @Override
  public void markCurrentSpanAsExemplar() {
    if (tracingSampled()) {
      tracing.markCurrentSpanAsExemplar();
    }
  }
}
