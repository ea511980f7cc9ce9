package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountOpportunity;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.annotation.VenueConnection;

/** A woven venue adapter whose end points carry labels known only at the end: reject and cancel reasons, liquidity. */
public class DeskVenue {

  public enum Liquidity { MAKER, TAKER }

  public record Ack(boolean rejected, String reason) {}

  @OrderSent(orderId = "#0", venue = "lmax")
  public void send(long clientOrderId, @Label("symbol") String symbol) {}

  @OrderRejected(orderId = "#0", reason = "#1")
  public void onReject(long clientOrderId, String reason) {}

  @OrderFilled(orderId = "#0", complete = "#1", liquidity = "#2")
  public void onFill(long clientOrderId, boolean complete, Liquidity liquidity) {}

  @OrderCancelled(orderId = "#0", reason = "#1")
  public void onCancel(long clientOrderId, String reason) {}

  @CountOrder(venue = "lmax", rejectedIf = "result.rejected", rejectReason = "result.reason")
  public Ack submit(@Label("symbol") String symbol, boolean reject, String reason) {
    return new Ack(reject, reason);
  }

  @VenueConnection(connected = "#1")
  public void onConnection(@Label("venue") String venue, boolean up) {}

  @TrackPosition(venue = "lmax", limit = 5, value = "#1")
  public void position(@Label("symbol") String symbol, double position) {}

  @CountOpportunity(netSpreadBps = "#3")
  public void opportunity(@Label("symbol") String symbol, @Label("buy_venue") String buyVenue,
      @Label("sell_venue") String sellVenue, double netSpreadBps) {}
}
