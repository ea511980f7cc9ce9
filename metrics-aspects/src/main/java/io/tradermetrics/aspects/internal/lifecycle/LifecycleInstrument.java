package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.InstrumentationErrors;
import io.tradermetrics.aspects.internal.Instrument;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Base of the instruments of the order lifecycle annotations: the lifecycle they report to, the
 * join point's error site, and the binding rules they share (one lifecycle annotation per method;
 * nothing recorded when the engine has no lifecycle). Receipt events take the time at the start of
 * the handler: when the venue's message reached it.
 */
abstract class LifecycleInstrument extends Instrument {

  private static final Set<Class<? extends Annotation>> LIFECYCLE = Set.of(
      io.tradermetrics.annotation.OrderSent.class, io.tradermetrics.annotation.CancelSent.class,
      io.tradermetrics.annotation.OrderAcked.class, io.tradermetrics.annotation.OrderRejected.class,
      io.tradermetrics.annotation.OrderFilled.class, io.tradermetrics.annotation.OrderCancelled.class,
      io.tradermetrics.annotation.OrderExpired.class, io.tradermetrics.annotation.MarketDataTick.class);

  final OrderLifecycle lifecycle;
  final InstrumentationErrors.Site site;

  LifecycleInstrument(OrderLifecycle lifecycle, InstrumentationErrors.Site site) {
    this.lifecycle = lifecycle;
    this.site = site;
  }

  /**
   * Checks the rules every lifecycle annotation shares and returns the engine's lifecycle.
   *
   * @return the lifecycle, or null when the engine has none (it could not be created; reported
   *     once): the binder then returns {@link Instrument#NONE}
   * @throws io.tradermetrics.aspects.InstrumentationConfigException if the method carries more than
   *     one lifecycle annotation
   */
  static @Nullable OrderLifecycle lifecycleOf(BindContext ctx) {
    List<Annotation> found = ctx.annotations().stream().filter(a -> LIFECYCLE.contains(a.annotationType())).toList();
    if (found.size() > 1) {
      throw ctx.error("(annotation)", "the method carries " + found.stream()
          .map(a -> "@" + a.annotationType().getSimpleName()).toList()
          + "; a method marks one point of an order's life: keep one, and put the others on the methods that"
          + " send, receive or handle those events");
    }
    return ctx.lifecycle();
  }

  @Override
  protected boolean timesStart() {
    return true;
  }
}
