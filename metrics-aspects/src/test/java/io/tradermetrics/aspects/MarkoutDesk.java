package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MarketDataTick;

/** A woven desk for markouts and fees: a book feed (bid/ask, monotonic clock), a trade feed (mid, market time), fills. */
public class MarkoutDesk {

  public enum Side { BUY, SELL }

  public record Book(String symbol, double bid, double ask) {}

  public record Fill(String symbol, Side side, double price, double quantity, double fee) {}

  @MarketDataTick(bid = "book.bid", ask = "book.ask")
  public void onBook(@Label(value = "symbol", path = "symbol") Book book) {}

  @MarketDataTick(mid = "#1", marketTime = "#2")
  public void onTrade(@Label("symbol") String symbol, double mid, long marketNanos) {}

  @CountFill(venue = "lmax", quantity = "fill.quantity", price = "fill.price", fee = "fill.fee", currency = "USD",
      alertNotionalAbove = 1000)
  public void onFill(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Fill fill) {}
}
