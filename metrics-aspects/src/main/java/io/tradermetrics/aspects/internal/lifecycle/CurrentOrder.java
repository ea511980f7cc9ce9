package io.tradermetrics.aspects.internal.lifecycle;

import org.jspecify.annotations.Nullable;

/**
 * The order whose latency the current thread is recording, while the order lifecycle records it:
 * what {@link io.tradermetrics.aspects.OrderExemplars} hands to an exemplar sampler. One mutable
 * holder per thread, made on the thread's first use; entering and leaving it allocates nothing and
 * costs a thread-local read. Each instance is confined to its thread. Also entered by
 * {@code @TimedOrder(orderId)} while it records {@code trader_order_latency_seconds}: internal,
 * public only for {@code io.tradermetrics.aspects.internal}.
 */
public final class CurrentOrder {

  private static final ThreadLocal<CurrentOrder> CURRENT = ThreadLocal.withInitial(CurrentOrder::new);

  private boolean set;
  private long id;
  private @Nullable Object object;

  private CurrentOrder() {}

  /**
   * Makes the order of {@code id} (or, when not null, {@code object}) the current one of this
   * thread; pair with {@link #exit()} in a {@code finally}.
   */
  public static CurrentOrder enter(long id, @Nullable Object object) {
    CurrentOrder c = CURRENT.get();
    c.id = id;
    c.object = object;
    c.set = true;
    return c;
  }

  /** Leaves the order entered last. */
  public void exit() {
    set = false;
    object = null;
  }

  /** The holder of the calling thread. */
  public static CurrentOrder get() {
    return CURRENT.get();
  }

  /** Whether this thread is recording an order's latency now. */
  public boolean isSet() {
    return set;
  }

  /** The client order id as text (allocates), or null when no order is current. */
  public @Nullable String idText() {
    if (!set) {
      return null;
    }
    Object o = object;
    return o != null ? String.valueOf(o) : Long.toString(id);
  }
}
