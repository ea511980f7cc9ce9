package io.tradermetrics.guice.unwoven;

import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.TimedOrder;

/**
 * The same order method as the woven {@code OrderGateway}, in a package the AspectJ plugin excludes
 * (see this module's pom): javac compiles it, ajc never weaves it. Public, with public methods, so
 * that Guice can subclass it for the AOP fallback.
 */
public class UnwovenGateway {

  /** Submits an order; times it with {@code @TimedOrder} when intercepted. */
  @TimedOrder(venue = "binance")
  public String submit(@Label("symbol") String symbol) {
    return "ack-" + symbol;
  }
}
