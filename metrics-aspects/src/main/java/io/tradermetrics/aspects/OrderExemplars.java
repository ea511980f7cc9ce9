package io.tradermetrics.aspects;

import io.tradermetrics.aspects.internal.lifecycle.CurrentOrder;
import org.jspecify.annotations.Nullable;

/**
 * The client order id of the order whose latency the calling thread is recording, for an exemplar
 * sampler: while the order lifecycle records {@code trader_order_ack_latency_seconds},
 * {@code trader_order_fill_latency_seconds} or {@code trader_order_cancel_latency_seconds} of an
 * order, the order is current on the recording thread, so a registry's exemplar sampler, which runs
 * on that thread inside the record, can name the order. The Guice module wires this into the
 * Prometheus registry (label {@code order_id}, with the {@code trace_id} and {@code span_id} of the
 * current OpenTelemetry span when a tracer is given); without Guice, call these from your own
 * {@code io.prometheus.metrics.tracer.common.SpanContext}.
 *
 * <p>Thread-safe: each thread sees only its own current order. {@link #isRecording()} allocates
 * nothing; {@link #currentOrderId()} allocates the id's text, so call it only when an exemplar is
 * actually taken (the sampler's rate limit decides that).
 */
public final class OrderExemplars {

  /** The exemplar label that names the client order id. */
  public static final String ORDER_ID = "order_id";

  private OrderExemplars() {}

  /** Whether the calling thread is recording the latency of an order now. */
  public static boolean isRecording() {
    return CurrentOrder.get().isSet();
  }

  /** The client order id being recorded on the calling thread, as text, or null when none is. */
  public static @Nullable String currentOrderId() {
    return CurrentOrder.get().idText();
  }
}
