package io.tradermetrics.benchmarks;

import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.TimedOrder;

/**
 * Issue 15's additions on methods that do the same trivial work as {@link Targets}: a tick with a
 * mid and a market time (markouts), a fill with a price and a fee (markouts, fees), a reject with
 * its reason. ajc weaves them at build time.
 */
public class DeskTargets {

  /** A fill as a venue adapter holds it: a mutable message reused for every fill. */
  public static final class Fill {
    String symbol = "BTC/USD";
    Targets.Side side = Targets.Side.BUY;
    double price = 100.0;
    double quantity = 0.5;
    double fee = -0.01;

    /** The instrument. */
    public String symbol() {
      return symbol;
    }

    /** The side. */
    public Targets.Side side() {
      return side;
    }

    /** Price, USD. */
    public double price() {
      return price;
    }

    /** Quantity, BTC. */
    public double quantity() {
      return quantity;
    }

    /** Fee, USD; negative: a rebate. */
    public double fee() {
      return fee;
    }
  }

  /** Ours: a tick of one symbol with its mid and market time, marking out the pending fills. */
  @MarketDataTick(mid = "#1", marketTime = "#2")
  public long tick(@Label("symbol") String symbol, double mid, long marketNanos) {
    return Targets.work(marketNanos);
  }

  /** Ours: a fill with price and fee: three counters, the rebate, the markout ring. */
  @CountFill(venue = "bitstamp", quantity = "fill.quantity", price = "fill.price", fee = "fill.fee", currency = "USD")
  public long fill(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Fill fill, long x) {
    return Targets.work(x);
  }

  /** Ours: a reject with the venue's reason, ending the order sent by {@link Targets#sendOrder}. */
  @OrderRejected(orderId = "order.clientOrderId", reason = "reason")
  public long rejected(Targets.NewOrder order, String reason) {
    return Targets.work(order.clientOrderId);
  }

  /** Ours: a cancel confirmation, as {@link Targets#orderCancelled}. */
  @OrderCancelled(orderId = "order.clientOrderId")
  public long cancelled(Targets.NewOrder order) {
    return Targets.work(order.clientOrderId);
  }

  /** Ours: a submit timed with the order's id current while it records (exemplars name it). */
  @TimedOrder(venue = "bitstamp", orderId = "order.clientOrderId")
  public long submitNamingTheOrder(@Label(value = "symbol", path = "symbol") Targets.NewOrder order) {
    return Targets.work(order.clientOrderId);
  }

  /** Ours: the same submit without {@code orderId}, for comparison. */
  @TimedOrder(venue = "bitstamp")
  public long submitNamingNoOrder(@Label(value = "symbol", path = "symbol") Targets.NewOrder order) {
    return Targets.work(order.clientOrderId);
  }
}
