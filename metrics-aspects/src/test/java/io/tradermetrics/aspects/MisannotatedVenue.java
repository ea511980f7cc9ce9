package io.tradermetrics.aspects;

import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderSent;

/** A woven fixture whose lifecycle annotations are wrong on purpose. */
class MisannotatedVenue {

  record Report(long id, double price, String status) {}

  @OrderSent(orderId = "report.clOrdId")
  void sendWithMissingProperty(Report report) {}

  @OrderAcked(orderId = "report.price")
  void ackWithDoubleId(Report report) {}

  @OrderFilled(orderId = "report.id", complete = "report.status")
  void fillWithStringComplete(Report report) {}

  @OrderSent(orderId = "#0")
  @OrderAcked(orderId = "#0")
  void sendAndAck(long id) {}

  @MarketDataTick(exchangeTime = "result")
  long tickReadingResult() {
    return 0L;
  }
}
