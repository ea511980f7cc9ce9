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
 * values it has seen: reference values compared by identity (the common case: string constants,
 * interned symbols, enums), primitive ones ({@code long}, {@code int}, {@code char} parameters)
 * by their bits; then a map by {@code equals} for value types (strings, enums, boxed primitives),
 * then a map by rendered text. A value is rendered once: enums lower-case, {@code null} and empty
 * strings as {@code unknown}, anything else with {@code toString()}. Values past the label's
 * {@link CardinalityGuard} limit go to the {@code other} node and are counted.
 *
 * <p>Leaves (the meters) are made once per label combination by the leaf factory. A factory that
 * throws (a registry that refuses the meters) leaves that combination without meters for good: the
 * failure is reported once through the join point's error site and later calls with those values
 * find no leaf ({@link #leaf} returns {@code null}) instead of trying to register again.
 * Thread-safe; lookups take no lock.
 *
 * @param <L> the meters held for one label combination
 */
public final class LabelTree<L> {

  private static final int IDENTITY_SLOTS = 8;
  private static final Object NULL_KEY = new Object();

  private final ValueSource[] sources;
  private final String[] keys;
  private final CardinalityGuard[] guards;
  private final Counter[] overflow;
  private final Tags constantTags;
  private final Function<Tags, L> leafFactory;
  private final InstrumentationErrors.Site errors;
  private final Node<L> root;

  /**
   * @param dynamicKeys label keys whose values come from the call, one per level
   * @param sources     where each of those values comes from
   * @param guards      the cardinality guard of each of those labels
   * @param overflow    the overflow counter of each of those labels
   * @param errors      where a leaf factory's failure is reported
   * @throws RuntimeException what the leaf factory throws for a tree without dynamic labels, whose
   *     one leaf is made now
   */
  LabelTree(List<String> dynamicKeys, List<ValueSource> sources, List<CardinalityGuard> guards,
      List<Counter> overflow, Tags constantTags, Function<Tags, L> leafFactory, InstrumentationErrors.Site errors) {
    this.keys = dynamicKeys.toArray(new String[0]);
    this.sources = sources.toArray(new ValueSource[0]);
    this.guards = guards.toArray(new CardinalityGuard[0]);
    this.overflow = overflow.toArray(new Counter[0]);
    this.constantTags = constantTags;
    this.leafFactory = leafFactory;
    this.errors = errors;
    this.root = new Node<>(null, null, null);
    if (keys.length == 0) {
      root.leaf = leafFactory.apply(constantTags);
    }
  }

  /** Whether the tree reads the return value. */
  public boolean readsResult() {
    for (ValueSource source : sources) {
      if (source.slot() == ValueSource.RESULT) {
        return true;
      }
    }
    return false;
  }

  /** The meters for the label values of this call; {@code null} if they could not be registered. */
  public @Nullable L leaf(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    Node<L> node = root;
    for (int level = 0; level < sources.length; level++) {
      ValueSource source = sources[level];
      if (source.primitiveRoot()) {
        node = primitiveChild(node, level, source.rootBits(rb, p0, p1, p2, p3, p4, p5));
      } else {
        Object value = source.get(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        node = child(node, level, value == null ? NULL_KEY : value);
      }
    }
    return node.leaf;
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

  private Node<L> primitiveChild(Node<L> node, int level, long bits) {
    PrimitiveSnapshot<L> snapshot = node.primitives;
    long[] seen = snapshot.keys;
    for (int i = 0; i < seen.length; i++) {
      if (seen[i] == bits) {
        return snapshot.nodes[i];
      }
    }
    Node<L> child = renderedChild(node, level, render(sources[level].box(bits)));
    synchronized (node) {
      PrimitiveSnapshot<L> s = node.primitives;
      if (s.keys.length < IDENTITY_SLOTS && child != node.other) {
        long[] keys = Arrays.copyOf(s.keys, s.keys.length + 1);
        Node<L>[] nodes = Arrays.copyOf(s.nodes, s.nodes.length + 1);
        keys[keys.length - 1] = bits;
        nodes[nodes.length - 1] = child;
        node.primitives = new PrimitiveSnapshot<>(keys, nodes);
      }
    }
    return child;
  }

  private Node<L> slowChild(Node<L> node, int level, Object key) {
    boolean valueType = isValueType(key);
    Node<L> child = valueType ? node.byKey.get(key) : null;
    if (child == null) {
      child = renderedChild(node, level, render(key));
      if (valueType && child != node.other) {
        node.byKey.putIfAbsent(key, child);
      }
    }
    if (child != node.other) {
      remember(node, key, child);
    }
    return child;
  }

  /** The child of a rendered value: existing, new if the label's guard admits it, else {@code other}. */
  private Node<L> renderedChild(Node<L> node, int level, String rendered) {
    Node<L> child = node.byRendered.get(rendered);
    if (child != null) {
      return child;
    }
    if (!guards[level].admit(rendered)) {
      overflow[level].increment();
      return otherChild(node, level);
    }
    return node.byRendered.computeIfAbsent(rendered, r -> newNode(node, level, r));
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
      try {
        child.leaf = leafFactory.apply(constantTags.and(tags));
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
        errors.failure(t); // once: the node keeps no leaf, so these values are never registered again
      }
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
    volatile PrimitiveSnapshot<L> primitives = PrimitiveSnapshot.empty();
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

  private record PrimitiveSnapshot<L>(long[] keys, Node<L>[] nodes) {
    @SuppressWarnings("unchecked")
    static <L> PrimitiveSnapshot<L> empty() {
      return new PrimitiveSnapshot<>(new long[0], (Node<L>[]) new Node<?>[0]);
    }
  }
}
