package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.OrderOperation;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackPosition;
import java.io.IOException;

/** A woven fixture: a small trader whose methods carry the annotations, as a user's would. */
class Trader {

  enum Side { BUY, SELL }

  record Fill(String symbol, Side side, double price, double quantity) {}

  /** Runs inside every annotated method body, so tests can advance a MockClock "during" the call. */
  Runnable duringCall = () -> {};

  @TimedOrder(operation = OrderOperation.SUBMIT, venue = "bitstamp")
  String submit(@Label("symbol") String symbol, @Label("side") Side side, double quantity) {
    duringCall.run();
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    return symbol + ":" + side + ":" + quantity;
  }

  @TimedOrder(operation = OrderOperation.CANCEL, venue = "bitstamp", symbol = "BTC/USD")
  void cancel(String orderId) throws IOException {
    duringCall.run();
    if (orderId.isEmpty()) {
      throw new IOException("venue unreachable");
    }
  }

  @TimedOrder(operation = OrderOperation.AMEND)
  private static int amendStatic(int newQuantity) {
    return newQuantity * 2;
  }

  int amend(int newQuantity) {
    return amendStatic(newQuantity);
  }

  /** The venue's answer to an asynchronous submit; the test completes it. */
  java.util.concurrent.CompletableFuture<String> pendingAck = new java.util.concurrent.CompletableFuture<>();

  @TimedOrder(venue = "binance")
  java.util.concurrent.CompletableFuture<String> submitAsync(@Label("symbol") String symbol) {
    return pendingAck;
  }

  @CountFill(venue = "bitstamp", quantity = "fill.quantity", price = "fill.price")
  void onFill(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Fill fill) {
    duringCall.run();
  }

  @CountFill(quantity = "#1", symbol = "ETH/USD")
  void onFillNoPrice(@Label("side") Side side, double quantity) {
    duringCall.run();
    if (quantity > 1_000_000) {
      throw new IllegalStateException("fat finger");
    }
  }

  @TrackPosition
  double position(@Label("symbol") String symbol, double newPosition) {
    duringCall.run();
    return newPosition;
  }

  @TimedOrder(venue = "six")
  long manyParameters(long a, long b, long c, long d, long e, @Label("symbol") String symbol, long g) {
    return a + b + c + d + e + g;
  }
}
