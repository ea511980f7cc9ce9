package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.OrderOperation;

/** Woven classes for {@link StartupTest}: a two-venue arbitrage desk as a new user writes it. */
final class StartupFixtures {

  private StartupFixtures() {}

  /** A fill as the venues report it. */
  record Fill(String venue, String symbol, String side, double quantity, double price, double expected) {}

  /** Two annotations stacked on one method, sharing the parameter's labels. */
  static class FillHandler {
    @CountFill(quantity = "fill.quantity", price = "fill.price")
    @MeasureSlippage(expected = "fill.expected", executed = "fill.price")
    void onFill(@Label(value = "venue", path = "venue") @Label(value = "symbol", path = "symbol")
        @Label(value = "side", path = "side") Fill fill) {}
  }

  /** An order router whose submit is an interface method. */
  interface Router {
    @TimedOrder(operation = OrderOperation.SUBMIT)
    long submit(@Label("symbol") String symbol);
  }

  /** Implements {@link Router#submit} without the annotation: nothing applies it. */
  static class SmartRouter implements Router {
    @Override
    public long submit(String symbol) {
      return 1L;
    }
  }

  /** A {@code @Label} key that neither annotation of the method has. */
  static class TypoDesk {
    @CountFill(quantity = "fill.quantity")
    @MeasureSlippage(expected = "fill.expected", executed = "fill.price", side = "buy")
    void onFill(@Label(value = "venu", path = "venue") Fill fill) {}
  }
}
