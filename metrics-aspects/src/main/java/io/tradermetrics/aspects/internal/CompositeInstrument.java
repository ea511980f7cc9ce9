package io.tradermetrics.aspects.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The join point of a method with several tradermetrics annotations: runs their instruments in the
 * declared order of {@link Binders} (started in that order, stopped in reverse), with one clock read
 * before the body and one after it, if any of them asks; a failure of one is counted against its
 * annotation and the others still run. See {@link JoinPointInstrument}. Immutable and thread-safe.
 */
final class CompositeInstrument extends JoinPointInstrument {

  private final Instrument[] parts;
  private final InstrumentationErrors.Site[] sites;
  private final boolean clockAtStart;
  private final boolean clockAtStop;
  private final int armedPart;

  CompositeInstrument(List<Instrument> parts, List<InstrumentationErrors.Site> sites) {
    this.parts = parts.toArray(new Instrument[0]);
    this.sites = sites.toArray(new InstrumentationErrors.Site[0]);
    boolean atStart = false;
    boolean atStop = false;
    int armed = -1;
    for (int i = 0; i < this.parts.length; i++) {
      atStart |= this.parts[i].timesStart();
      atStop |= this.parts[i].timesStop();
      if (this.parts[i].arms()) {
        armed = i;
      }
    }
    this.clockAtStart = atStart;
    this.clockAtStop = atStop;
    this.armedPart = armed;
  }

  @Override
  public long enter(@Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
    Instrument[] ps = parts;
    long now = clockAtStart ? readClock(sites[0]) : 0L;
    boolean armed = true;
    for (int i = 0; i < ps.length; i++) {
      try {
        boolean a = ps[i].start(now, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        if (i == armedPart) {
          armed = a;
        }
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
        sites[i].failure(t);
        if (i == armedPart) {
          armed = false;
        }
      }
    }
    return token(now, armed);
  }

  @Override
  public void exit(long token, @Nullable Object r, long rb, @Nullable Throwable error,
      @Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
    Instrument[] ps = parts;
    long start = startOf(token);
    boolean armed = armedOf(token);
    long now = clockAtStop ? readClock(sites[0]) : 0L;
    for (int i = ps.length - 1; i >= 0; i--) {
      try {
        ps[i].stop(start, now, i != armedPart || armed, r, rb, error, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
        sites[i].failure(t);
      }
    }
  }
}
