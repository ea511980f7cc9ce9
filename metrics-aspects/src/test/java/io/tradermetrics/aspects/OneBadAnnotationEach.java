package io.tradermetrics.aspects;

import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderEvent;
import io.tradermetrics.annotation.OrderExpired;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.annotation.TimedCall;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.annotation.TrackSpread;
import java.util.List;

/**
 * One wrong use of each of the twenty annotations, none of which ajc can see at compile time: each
 * must fail {@code TraderMetrics.validate} and, at its first call, log the same message and record
 * nothing. {@link #METHODS} lists the method names; {@link #call} calls one.
 */
class OneBadAnnotationEach {

  static final List<String> METHODS = List.of("raiseAlert", "timedCall", "timedOrder", "marketDataTick", "orderSent",
      "cancelSent", "orderAcked", "orderRejected", "orderFilled", "orderCancelled", "orderExpired", "countOrder",
      "countFill", "countQuote", "countEvent", "trackPosition", "trackOpenOrders", "trackPnl", "trackSpread",
      "measureSlippage");

  @RaiseAlert(severity = AlertSeverity.INFO, summary = " ")
  void raiseAlert() {}

  @TimedCall(target = "")
  void timedCall() {}

  @TimedOrder(buckets = {0.5, 0.1})
  void timedOrder() {}

  @MarketDataTick(exchangeTime = "result")
  long marketDataTick() {
    return 1L;
  }

  @OrderSent(orderId = "#0.clientId")
  void orderSent(String order) {}

  /** The case that passed validation before the engine was rebuilt, then logged at its first call. */
  @CancelSent(orderId = "result")
  long cancelSent(long id) {
    return id;
  }

  @OrderAcked(orderId = "#0")
  void orderAcked(double id) {}

  @OrderRejected(orderId = "clientOrderId")
  void orderRejected(long id) {}

  @OrderFilled(orderId = "#0", complete = "#1")
  void orderFilled(long id, String complete) {}

  @OrderCancelled(orderId = "#3")
  void orderCancelled(long id) {}

  @OrderExpired(orderId = "#0")
  void orderExpired(boolean id) {}

  @CountOrder(event = OrderEvent.CANCELLED, rejectedIf = "#0")
  void countOrder(boolean rejected) {}

  @CountFill(quantity = "#0")
  void countFill(String quantity) {}

  @CountQuote
  void countQuote(@Label(value = "symbol", path = "ticker") String venue) {}

  @CountEvent(name = "Guard Blocks")
  void countEvent() {}

  @TrackPosition("#0.net")
  void trackPosition(String book) {}

  @TrackOpenOrders("#0")
  void trackOpenOrders(String open) {}

  @TrackPnl(realized = "#0")
  void trackPnl(String pnl) {}

  @TrackSpread(bid = "#0", ask = "#1", buckets = {-1})
  void trackSpread(double bid, double ask) {}

  @MeasureSlippage(expected = "#0", executed = "#1", side = "up")
  void measureSlippage(double expected, double executed) {}

  /** Calls the method of that name with harmless arguments. */
  void call(String method) {
    switch (method) {
      case "raiseAlert" -> raiseAlert();
      case "timedCall" -> timedCall();
      case "timedOrder" -> timedOrder();
      case "marketDataTick" -> marketDataTick();
      case "orderSent" -> orderSent("o-1");
      case "cancelSent" -> cancelSent(1L);
      case "orderAcked" -> orderAcked(1.0);
      case "orderRejected" -> orderRejected(1L);
      case "orderFilled" -> orderFilled(1L, "yes");
      case "orderCancelled" -> orderCancelled(1L);
      case "orderExpired" -> orderExpired(true);
      case "countOrder" -> countOrder(true);
      case "countFill" -> countFill("1");
      case "countQuote" -> countQuote("v");
      case "countEvent" -> countEvent();
      case "trackPosition" -> trackPosition("book");
      case "trackOpenOrders" -> trackOpenOrders("3");
      case "trackPnl" -> trackPnl("1");
      case "trackSpread" -> trackSpread(1.0, 2.0);
      case "measureSlippage" -> measureSlippage(1.0, 1.1);
      default -> throw new IllegalArgumentException(method);
    }
  }
}
