package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderExpired;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.OrderSent;
import java.time.Instant;

/**
 * A woven fixture: an order gateway and a market data handler marked with the order lifecycle
 * annotations, as a user's would be. Sending and receiving may happen on different threads.
 */
class Venue {

  enum Side { BUY, SELL }

  record NewOrder(long clientOrderId, String symbol, Side side, double quantity) {}

  record ExecutionReport(long clientOrderId, double lastQuantity, boolean last) {}

  record Tick(String symbol, long exchangeTimeNanos) {}

  /** Runs inside the send and tick methods, so tests can advance a MockClock or send from a handler. */
  volatile Runnable duringCall = () -> {};

  @OrderSent(orderId = "order.clientOrderId", venue = "bitstamp")
  void send(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") NewOrder order) {
    duringCall.run();
    if (order.quantity() <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
  }

  @OrderSent(orderId = "result", venue = "binance", symbol = "ETH/USD", side = "sell")
  String sendWithStringId(String clientOrderId) {
    duringCall.run();
    return clientOrderId;
  }

  @CancelSent(orderId = "#0")
  void cancel(long clientOrderId) {
    duringCall.run();
  }

  @OrderAcked(orderId = "clientOrderId")
  void onAck(long clientOrderId) {}

  @OrderAcked(orderId = "clientOrderId")
  void onAckWithStringId(String clientOrderId) {}

  @OrderRejected(orderId = "#0")
  void onReject(long clientOrderId, String reason) {}

  @OrderFilled(orderId = "report.clientOrderId", complete = "report.last")
  void onFill(ExecutionReport report) {}

  /** An id typed Object, as a generic message handler might have it. */
  @OrderCancelled(orderId = "clientOrderId")
  void onCancelled(Object clientOrderId) {}

  @OrderExpired(orderId = "#0")
  void onExpired(long clientOrderId) {}

  @MarketDataTick(exchangeTime = "tick.exchangeTimeNanos")
  void onTick(@Label(value = "symbol", path = "symbol") Tick tick) {
    duringCall.run();
  }

  @MarketDataTick(symbol = "ETH/USD", exchangeTime = "#0")
  void onTickAt(Instant exchangeTime, Runnable body) {
    body.run();
  }
}
