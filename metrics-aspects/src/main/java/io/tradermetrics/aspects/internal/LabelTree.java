package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Maps the label values of one call to the meters of that label combination without allocating.
 *
 * <p>One level per label whose value comes from the call. Each node keeps a small snapshot of the
 * value objects it has seen, compared by identity (the common case: string constants, interned
 * symbols, enums), then a map by {@code equals} for value types (strings, enums, boxed primitives),
 * then a map by rendered text. A value is rendered once: enums lower-case, {@code null} and empty
 * strings as {@code unknown}, anything else with {@code toString()}. Values past the label's
 * {@link CardinalityGuard} limit go to the {@code other} node and are counted. Leaves (the meters)
 * are created once per label combination by the leaf factory. Thread-safe; lookups take no lock.
 *
 * @param <L> the meters held for one label combination
 */
final class LabelTree<L> {

  private static final int IDENTITY_SLOTS = 8;
  private static final Object NULL_KEY = new Object();

  private final ValueSource[] sources;
  private final String[] keys;
  private final CardinalityGuard[] guards;
  private final Counter[] overflow;
  private final Tags constantTags;
  private final Function<Tags, L> leafFactory;
  private final Node<L> root;

  /**
   * @param dynamicKeys label keys whose values come from the call, one per level
   * @param sources     where each of those values comes from
   * @param guards      the cardinality guard of each of those labels
   * @param overflow    the overflow counter of each of those labels
   */
  LabelTree(List<String> dynamicKeys, List<ValueSource> sources, List<CardinalityGuard> guards,
      List<Counter> overflow, Tags constantTags, Function<Tags, L> leafFactory) {
    this.keys = dynamicKeys.toArray(new String[0]);
    this.sources = sources.toArray(new ValueSource[0]);
    this.guards = guards.toArray(new CardinalityGuard[0]);
    this.overflow = overflow.toArray(new Counter[0]);
    this.constantTags = constantTags;
    this.leafFactory = leafFactory;
    this.root = new Node<>(null, null, null);
    if (keys.length == 0) {
      root.leaf = leafFactory.apply(constantTags);
    }
  }

  /** The {@link Instrument#mask()} bits of the values the labels read. */
  int mask() {
    int mask = 0;
    for (ValueSource source : sources) {
      mask |= source.mask();
    }
    return mask;
  }

  /** The meters for the label values of this call. */
  L leaf(@Nullable Object result, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    Node<L> node = root;
    for (int level = 0; level < sources.length; level++) {
      Object value = sources[level].get(result, a0, a1, a2, a3, a4, a5);
      node = child(node, level, value == null ? NULL_KEY : value);
    }
    L leaf = node.leaf;
    if (leaf == null) {
      throw new IllegalStateException("label tree node without meters");
    }
    return leaf;
  }

  private Node<L> child(Node<L> node, int level, Object key) {
    Snapshot<L> snapshot = node.snapshot;
    Object[] seen = snapshot.keys;
    for (int i = 0; i < seen.length; i++) {
      if (seen[i] == key) {
        return snapshot.nodes[i];
      }
    }
    return slowChild(node, level, key);
  }

  private Node<L> slowChild(Node<L> node, int level, Object key) {
    boolean valueType = isValueType(key);
    Node<L> child = valueType ? node.byKey.get(key) : null;
    if (child == null) {
      String rendered = render(key);
      child = node.byRendered.get(rendered);
      if (child == null) {
        if (!guards[level].admit(rendered)) {
          overflow[level].increment();
          return otherChild(node, level);
        }
        child = node.byRendered.computeIfAbsent(rendered, r -> newNode(node, level, r));
      }
      if (valueType) {
        node.byKey.putIfAbsent(key, child);
      }
    }
    remember(node, key, child);
    return child;
  }

  private Node<L> otherChild(Node<L> node, int level) {
    Node<L> other = node.other;
    if (other == null) {
      synchronized (node) {
        other = node.other;
        if (other == null) {
          other = newNode(node, level, MetricCatalog.OTHER);
          node.other = other;
        }
      }
    }
    return other;
  }

  private Node<L> newNode(Node<L> parent, int level, String rendered) {
    Node<L> child = new Node<>(parent, keys[level], rendered);
    if (level == keys.length - 1) {
      List<Tag> tags = new ArrayList<>();
      for (Node<L> n = child; n.key != null; n = n.parent) {
        tags.add(Tag.of(n.key, n.value));
      }
      child.leaf = leafFactory.apply(constantTags.and(tags));
    }
    return child;
  }

  private static <L> void remember(Node<L> node, Object key, Node<L> child) {
    synchronized (node) {
      Snapshot<L> s = node.snapshot;
      if (s.keys.length >= IDENTITY_SLOTS) {
        return;
      }
      for (Object k : s.keys) {
        if (k == key) {
          return;
        }
      }
      Object[] keys = Arrays.copyOf(s.keys, s.keys.length + 1);
      @SuppressWarnings("unchecked")
      Node<L>[] nodes = Arrays.copyOf(s.nodes, s.nodes.length + 1);
      keys[keys.length - 1] = key;
      nodes[nodes.length - 1] = child;
      node.snapshot = new Snapshot<>(keys, nodes);
    }
  }

  private static boolean isValueType(Object key) {
    return key == NULL_KEY || key instanceof String || key instanceof Enum<?> || key instanceof Number
        || key instanceof Boolean || key instanceof Character;
  }

  /** How a label value is written in the exposition. */
  static String render(@Nullable Object value) {
    if (value == null || value == NULL_KEY) {
      return MetricCatalog.UNKNOWN;
    }
    String text = value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    return text.isEmpty() ? MetricCatalog.UNKNOWN : text;
  }

  private static final class Node<L> {
    final @Nullable Node<L> parent;
    final @Nullable String key;
    final @Nullable String value;
    volatile Snapshot<L> snapshot = Snapshot.empty();
    final ConcurrentHashMap<Object, Node<L>> byKey = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Node<L>> byRendered = new ConcurrentHashMap<>();
    volatile @Nullable Node<L> other;
    @Nullable L leaf; // set before the node is published (map or volatile snapshot)

    Node(@Nullable Node<L> parent, @Nullable String key, @Nullable String value) {
      this.parent = parent;
      this.key = key;
      this.value = value;
    }
  }

  private record Snapshot<L>(Object[] keys, Node<L>[] nodes) {
    @SuppressWarnings("unchecked")
    static <L> Snapshot<L> empty() {
      return new Snapshot<>(new Object[0], (Node<L>[]) new Node<?>[0]);
    }
  }
}
