package io.tradermetrics.benchmarks;

import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.annotation.TrackSpread;

/**
 * The issue 3 vocabulary on methods that do the same trivial work as {@link Targets}, so that only
 * the instrumentation differs; ajc weaves them at build time. Inputs are records built once by the
 * benchmark, as a trader's own objects would be.
 */
public class VocabularyTargets {

  /** An order acknowledgement with a rejected flag, the shape {@code rejectedIf} reads. */
  public record Ack(long orderId, boolean rejected) {}

  /** A two-sided quote. */
  public record Quote(String symbol, double bid, double ask) {}

  /** Realized and unrealized PnL. */
  public record Pnl(double realized, double unrealized) {}

  /** Ours: a submit counted by outcome, with a rejection condition on the result and three labels. */
  @CountOrder(rejectedIf = "result.rejected")
  public Ack countOrder(@Label("venue") String venue, @Label("symbol") String symbol, @Label("side") Targets.Side side,
      Ack ack) {
    return ack;
  }

  /** Ours: spread gauge and bps histogram from a quote record. */
  @TrackSpread(bid = "quote.bid", ask = "quote.ask")
  public long trackSpread(@Label(value = "symbol", path = "symbol") Quote quote, long x) {
    return Targets.work(x);
  }

  /** Ours: slippage from two primitive prices, side from an enum. */
  @MeasureSlippage(expected = "expected", executed = "executed")
  public long measureSlippage(@Label("symbol") String symbol, @Label("side") Targets.Side side, double expected,
      double executed, long x) {
    return Targets.work(x);
  }

  /** Ours: two PnL gauges from the returned record. */
  @TrackPnl(realized = "result.realized", unrealized = "result.unrealized", strategy = "bench")
  public Pnl trackPnl(@Label("symbol") String symbol, Pnl pnl) {
    return pnl;
  }

  /** Ours: a named event with a constant and an enum label, counted when the guard says false. */
  @CountEvent(name = "bench.guard.blocks", labels = {"guard=inventory", "side"}, countIf = "result == false")
  public boolean countEvent(@Label("side") Targets.Side side, boolean allowed) {
    return allowed;
  }
}
