package io.tradermetrics.aspects.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where the advice generated at build time passes the values of a join point's expressions: value
 * slot {@code i} holds the value of expression {@code keys[i]} (as a reference, or as the bits of a
 * primitive, by {@code types[i]}), computed by plain Java in the user's class. The binder resolves
 * every expression as usual (the same checks and messages) and then reads its value from its slot
 * instead of walking the path. Immutable.
 */
public final class Layout {

  private final String[] keys;
  private final Class<?>[] types;
  private final boolean passesResult;

  private Layout(String[] keys, Class<?>[] types, boolean passesResult) {
    if (keys.length != types.length || keys.length > BindContext.MAX_SLOTS) {
      throw new IllegalArgumentException("a layout has at most " + BindContext.MAX_SLOTS
          + " slots, one type per key: " + Arrays.toString(keys));
    }
    this.keys = keys.clone();
    this.types = types.clone();
    this.passesResult = passesResult;
  }

  /**
   * A layout; what the generated code declares.
   *
   * @param keys         the expression of each value slot, as {@code Layout.key} writes it
   * @param types        the static type of each slot's value
   * @param passesResult whether the advice passes a reference result as such (else only values read from it)
   * @throws IllegalArgumentException if the arrays differ in length or hold more than six slots
   */
  public static Layout of(String[] keys, Class<?>[] types, boolean passesResult) {
    return new Layout(keys, types, passesResult);
  }

  /** Whether the advice passes a reference result as such. */
  boolean passesResult() {
    return passesResult;
  }

  /** The key of an expression: {@code #i} or {@code result}, then {@code .path}. */
  static String key(int slot, String path) {
    String root = slot == ValueSource.RESULT ? "result" : "#" + slot;
    String p = path.strip();
    return p.isEmpty() ? root : root + "." + p;
  }

  /** The slot of {@code key}, or -1. */
  int slotOf(String key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Nullable Class<?> typeOf(int slot) {
    return slot >= 0 && slot < types.length ? types[slot] : null;
  }

  @Override
  public String toString() {
    return Arrays.toString(keys);
  }
}
