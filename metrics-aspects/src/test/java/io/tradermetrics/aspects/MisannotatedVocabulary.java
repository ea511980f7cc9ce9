package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.annotation.OrderEvent;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.annotation.TrackSpread;
import io.tradermetrics.aspects.VocabularyTrader.Ack;
import java.util.concurrent.CompletableFuture;

/** A woven fixture whose issue 3 annotations are wrong, each in one way. */
class MisannotatedVocabulary {

  @CountOrder(rejectedIf = "result.venue")
  Ack rejectedIfOnAString() {
    return null;
  }

  @CountOrder(rejectedIf = "result.status == FILLED")
  Ack rejectedIfWithUnknownConstant() {
    return null;
  }

  @CountOrder(rejectedIf = "result.status")
  Ack rejectedIfEnumWithoutConstant() {
    return null;
  }

  @CountOrder(event = OrderEvent.CANCELLED, rejectedIf = "result.rejected")
  Ack rejectedIfOnACancel() {
    return null;
  }

  /**
   * Composed annotations: the compile-time {@code declare error}s see direct annotations only, so
   * these compile and are rejected when the join point is bound.
   */
  @TrackOpenOrders
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @interface OpenOrdersGauge {}

  @TrackPnl(symbol = "BTC/USD")
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @interface EmptyPnl {}

  @OpenOrdersGauge
  void openOrdersOnVoid() {}

  @EmptyPnl
  double pnlWithoutExpressions() {
    return 0;
  }

  @TrackPnl(unrealized = "result.venue")
  Ack pnlNotANumber() {
    return null;
  }

  @TrackSpread(bid = "#0", ask = "#1", buckets = {0, 5})
  void spreadBadBuckets(double bid, double ask) {}

  @TrackSpread(bid = "#0", ask = "offer")
  void spreadNoSuchParameter(double bid, double ask) {}

  @MeasureSlippage(expected = "#0", executed = "#1", side = "up")
  void slippageBadSide(double expected, double executed) {}

  @CountEvent(name = "Guard-Blocks")
  void eventBadName() {}

  @CountEvent(name = "orders.filled")
  void eventCatalogName() {}

  @CountEvent(name = "blocks.total")
  void eventEndsInTotal() {}

  @CountEvent(name = "blocks", labels = {"le"})
  void eventReservedKey() {}

  @CountEvent(name = "blocks", labels = {"guard", "guard=x"})
  void eventKeyTwice() {}

  @CountQuote
  @Label("venue")
  String quoteLabelNotOfTheMetric() {
    return "x";
  }

  @CountQuote
  @Label(value = "symbol", path = "instrument")
  Ack labelPathOnResultDoesNotExist() {
    return null;
  }

  @CountQuote
  @Label("symbol")
  void labelFromVoidResult() {}

  @TimedOrder(rejectedIf = "ack.rejected")
  CompletableFuture<Ack> asyncRejectedIfOnParameter(Ack ack) {
    return null;
  }

  @TimedOrder
  @Label(value = "symbol", path = "venue")
  CompletableFuture<Ack> asyncLabelFromResult() {
    return null;
  }

  @TimedOrder(orderId = "result.orderId")
  CompletableFuture<Ack> asyncOrderId() {
    return null;
  }

  @TimedOrder(orderId = "#0")
  void orderIdIsAPrice(double price) {}
}
