package io.tradermetrics.examples.marketmaker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real trades the demo replays: 100,000 Bitstamp BTC/USD trades from 2013-11-25 to 2013-12-01
 * ({@code timestamp,price,amount}: Unix seconds, USD, BTC), the file
 * {@code bitstamp_trades_from_20131125_usd.csv} shipped in the Maven Central artifact
 * {@code org.ta4j:ta4j-examples} (MIT licence), read from the classpath.
 */
public final class BitstampTrades {

  /** The classpath resource. */
  public static final String RESOURCE = "bitstamp_trades_from_20131125_usd.csv";
  /** The symbol the trades are in. */
  public static final String SYMBOL = "BTC/USD";

  private BitstampTrades() {}

  /**
   * Reads the first {@code limit} trades, in file (time) order.
   *
   * @param limit how many trades at most; {@code Integer.MAX_VALUE} for all
   * @return the trades
   * @throws UncheckedIOException if the resource is missing or cannot be read
   * @throws IllegalStateException if a row is malformed, naming the line
   */
  public static List<Trade> load(int limit) {
    InputStream in = BitstampTrades.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new UncheckedIOException(new IOException(RESOURCE + " is not on the classpath (it ships in org.ta4j:ta4j-examples)"));
    }
    List<Trade> trades = new ArrayList<>(Math.min(limit, 100_000));
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      if (header == null || !header.strip().equals("timestamp,price,amount")) {
        throw new IllegalStateException(RESOURCE + ": expected header 'timestamp,price,amount', found '" + header + "'");
      }
      String line;
      int lineNo = 1;
      while (trades.size() < limit && (line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cols = line.split(",");
        try {
          trades.add(new Trade(Long.parseLong(cols[0].strip()), Double.parseDouble(cols[1]), Double.parseDouble(cols[2])));
        } catch (RuntimeException e) {
          throw new IllegalStateException(RESOURCE + " line " + lineNo + " is not 'timestamp,price,amount': " + line, e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return trades;
  }
}
