package io.tradermetrics.guice;

import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.TimedOrder;

/** A woven fixture, built by Guice as a user's trader would be. */
class OrderGateway {

  @TimedOrder(venue = "kraken")
  String submit(@Label("symbol") String symbol) {
    return "ack-" + symbol;
  }
}
