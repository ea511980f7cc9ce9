package io.tradermetrics.aspects.internal;

/** Rethrows a {@link Throwable} from advice unchanged, checked or not, without wrapping it. */
public final class Rethrow {

  private Rethrow() {}

  /**
   * Throws {@code t} as it is. Declared to return an exception so that advice can write
   * {@code throw Rethrow.unchanged(t);} and the compiler sees the branch end.
   *
   * @param t the throwable the advised method threw
   * @return never returns
   */
  public static RuntimeException unchanged(Throwable t) {
    throw Rethrow.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
