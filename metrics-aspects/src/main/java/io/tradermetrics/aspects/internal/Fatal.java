package io.tradermetrics.aspects.internal;

/**
 * Which throwables instrumentation lets through: the JVM's own breakdowns.
 *
 * <p>Instrumentation catches every {@link Throwable} that metric code throws, {@link Error}s and
 * {@link LinkageError}s included, {@link OutOfMemoryError} too (a metric that cannot get heap must
 * not fail the trade that would have fit). The exceptions are the other {@link VirtualMachineError}s:
 * a {@link StackOverflowError} inside instrumentation means the trading thread's stack is all but
 * exhausted (the trading code would overflow at its next call), and an {@link InternalError} or
 * {@link UnknownError} means the JVM itself is broken; hiding either would let the trading code go
 * on as if nothing had happened.
 */
public final class Fatal {

  private Fatal() {}

  /**
   * Throws {@code t} again if it must not be swallowed.
   *
   * @throws VirtualMachineError {@code t}, if it is one other than {@link OutOfMemoryError}
   */
  public static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError vme && !(t instanceof OutOfMemoryError)) {
      throw vme;
    }
  }
}
