package io.tradermetrics.aspects.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTableTest {

  private static int find(OrderTable t, Object key) {
    return key instanceof Long l ? t.find(l, null, OrderTable.hashOf(l.longValue())) : t.find(0, key, OrderTable.hashOf(key));
  }

  private static void insert(OrderTable t, Object key, long sent, int group) {
    if (key instanceof Long l) {
      t.insert(l, null, OrderTable.hashOf(l.longValue()), sent, group);
    } else {
      t.insert(0, key, OrderTable.hashOf(key), sent, group);
    }
  }

  @Test
  void agreesWithAMapOverAMillionRandomInsertsAndRemovesOfLongAndStringIds() {
    OrderTable table = new OrderTable(5_000);
    Map<Object, Long> model = new HashMap<>();
    Random random = new Random(42);
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 8_000; i++) {
      keys.add(i % 2 == 0 ? (Object) (long) (i * 4096L) : "CL-" + i);
    }
    for (int step = 0; step < 1_000_000; step++) {
      Object key = keys.get(random.nextInt(keys.size()));
      int e = find(table, key);
      assertThat(e != OrderTable.NONE).isEqualTo(model.containsKey(key));
      if (e != OrderTable.NONE) {
        assertThat(table.sentNanos(e)).isEqualTo(model.get(key));
        table.remove(e);
        model.remove(key);
      } else if (model.size() < 5_000) {
        insert(table, key, step, step % 7);
        model.put(key, (long) step);
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (Map.Entry<Object, Long> entry : model.entrySet()) {
      int e = find(table, entry.getKey());
      assertThat(e).isNotEqualTo(OrderTable.NONE);
      assertThat(table.sentNanos(e)).isEqualTo(entry.getValue());
      assertThat(table.group(e)).isEqualTo((int) (entry.getValue() % 7));
    }
  }

  @Test
  void aLongIdAndAStringIdWithTheSameDigitsAreDifferentOrders() {
    OrderTable table = new OrderTable(10);
    insert(table, 42L, 1, 0);
    assertThat(find(table, "42")).isEqualTo(OrderTable.NONE);
    assertThat(find(table, 42L)).isNotEqualTo(OrderTable.NONE);
  }

  @Test
  void expiresOldestFirstUpToTheDeadlineAndTheLimit() {
    OrderTable table = new OrderTable(100);
    for (long id = 1; id <= 10; id++) {
      insert(table, id, id * 100, 0);
    }
    table.remove(find(table, 2L)); // a hole in the middle of the age order
    assertThat(table.expire(450, 2)).isEqualTo(2); // ids 1 and 3
    assertThat(find(table, 1L)).isEqualTo(OrderTable.NONE);
    assertThat(find(table, 3L)).isEqualTo(OrderTable.NONE);
    assertThat(table.expire(450, 10)).isEqualTo(1); // id 4; 5 was sent at 500
    assertThat(find(table, 5L)).isNotEqualTo(OrderTable.NONE);
    assertThat(table.size()).isEqualTo(6);
    assertThat(table.expiredTimeout()).isEqualTo(3);
  }

  @Test
  void aFullTableTakesOutTheOldestAndGrowsOnlyUpToItsCapacity() {
    OrderTable table = new OrderTable(3_000);
    for (long id = 1; id <= 10_000; id++) {
      insert(table, id, id, 0);
    }
    assertThat(table.size()).isEqualTo(3_000);
    assertThat(table.expiredCapacity()).isEqualTo(7_000);
    assertThat(table.allocatedEntries()).isEqualTo(3_000);
    assertThat(find(table, 7_000L)).isEqualTo(OrderTable.NONE);
    assertThat(find(table, 7_001L)).isNotEqualTo(OrderTable.NONE);
  }

  @Test
  void freedEntriesReleaseTheirObjectIds() throws Exception {
    OrderTable table = new OrderTable(4);
    String id = new String("CL-1");
    insert(table, id, 1, 0);
    int e = find(table, id);
    table.remove(e);
    java.lang.reflect.Field f = OrderTable.class.getDeclaredField("idObject");
    f.setAccessible(true);
    assertThat(((Object[]) f.get(table))[e]).isNull();
  }

  @Nested
  class WhenTheHeapCannotHoldLargerArrays {

    /** A table of 1,024 orders whose first growth fails at the {@code step}th array allocation. */
    private OrderTable fullAfterFailedGrowth(int step) {
      OrderTable table = new OrderTable(5_000);
      table.allocationProbe = s -> {
        if (s == step) {
          throw new OutOfMemoryError("Java heap space (test)");
        }
      };
      for (long id = 1; id <= 1_025; id++) {
        insert(table, id, id, 0);
      }
      return table;
    }

    @ParameterizedTest(name = "allocation {0} fails")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void keepsItsArraysAndTakesOutTheOldestAsAtCapacity(int step) {
      OrderTable table = fullAfterFailedGrowth(step);

      assertThat(table.capacity()).isEqualTo(1_024);
      assertThat(table.allocatedEntries()).isEqualTo(1_024);
      assertThat(table.size()).isEqualTo(1_024);
      assertThat(table.expiredCapacity()).isEqualTo(1);
      assertThat(find(table, 1L)).isEqualTo(OrderTable.NONE);
      for (long id = 2; id <= 1_025; id++) {
        assertThat(table.sentNanos(find(table, id))).isEqualTo(id);
      }
    }

    @ParameterizedTest(name = "allocation {0} fails")
    @ValueSource(ints = {0, 5, 9})
    void keepsWorkingAfterwardsWithoutGrowingAgain(int step) {
      OrderTable table = fullAfterFailedGrowth(step);
      table.allocationProbe = s -> {
        throw new AssertionError("a table that failed to grow must not try again");
      };
      for (long id = 1_026; id <= 10_000; id++) {
        insert(table, id, id, 0);
        if (id % 3 == 0) {
          table.remove(find(table, id - 1));
        }
      }
      assertThat(table.size()).isLessThanOrEqualTo(1_024);
      assertThat(table.sentNanos(find(table, 10_000L))).isEqualTo(10_000);
      assertThat(find(table, 9_998L)).as("removed").isEqualTo(OrderTable.NONE);
      assertThat(table.expire(Long.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(table.expiredTimeout()).isPositive();
      assertThat(table.size()).isZero();
    }

    @Test
    void handsTheFailureOutOnce() {
      OrderTable table = fullAfterFailedGrowth(3);
      OutOfMemoryError failure = table.takeGrowthFailure();
      assertThat(failure).hasMessage("Java heap space (test)");
      insert(table, 20_000L, 20_000, 0);
      assertThat(table.takeGrowthFailure()).isNull();
    }

    @Test
    void aTableThatGrowsHasNoFailureToReport() {
      OrderTable table = new OrderTable(5_000);
      for (long id = 1; id <= 5_000; id++) {
        insert(table, id, id, 0);
      }
      assertThat(table.allocatedEntries()).isEqualTo(5_000);
      assertThat(table.takeGrowthFailure()).isNull();
    }
  }

  /**
   * The table against a map, with the hashes forced (insert and find take the hash as a parameter),
   * so that the probe runs are as long, as clustered and as wrapped as the hash function makes them.
   */
  @Nested
  class WithForcedHashes {

    static Stream<Arguments> hashings() {
      LongToIntFunction one = k -> 0;
      LongToIntFunction fiveHomes = k -> (int) (k % 5);
      LongToIntFunction nearTheMask = k -> 2047 - (int) (k % 3); // the last slots of a 2048-slot index: runs wrap to 0
      LongToIntFunction wrapping = k -> k % 2 == 0 ? -1 : (int) (k % 4); // slot mask and slots 1, 3: every run wraps
      LongToIntFunction highBits = k -> (int) (k % 7) << 28 | 127; // same low bits, differing high bits
      return Stream.of(
          Arguments.of("one hash for all", one, 300),
          Arguments.of("k % 5", fiveHomes, 1_000),
          Arguments.of("hashes near the mask", nearTheMask, 1_000),
          Arguments.of("wrap-around", wrapping, 1_000),
          Arguments.of("differing high bits only", highBits, 1_000),
          Arguments.of("k % 5, growing to 3000 entries", fiveHomes, 3_000),
          Arguments.of("hashes near the mask, 40 entries", nearTheMask, 40));
    }

    private static int find(OrderTable t, long k, LongToIntFunction hashing) {
      return k % 2 == 0 ? t.find(k, null, hashing.applyAsInt(k)) : t.find(0, "CL-" + k, hashing.applyAsInt(k));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashings")
    void agreesWithAMapThroughInsertsRemovesAndExpiries(String name, LongToIntFunction hashing, int capacity) {
      OrderTable table = new OrderTable(capacity);
      LinkedHashMap<Long, Long> model = new LinkedHashMap<>(); // in send order, like the table's age list
      Random random = new Random(name.hashCode());
      int keys = capacity * 2;
      int steps = capacity <= 300 ? 60_000 : capacity > 1_024 ? 40_000 : 150_000;
      for (int step = 1; step <= steps; step++) {
        long k = random.nextInt(keys);
        int e = find(table, k, hashing);
        assertThat(e != OrderTable.NONE).as("step %d, key %d", step, k).isEqualTo(model.containsKey(k));
        if (e != OrderTable.NONE) {
          assertThat(table.sentNanos(e)).isEqualTo(model.get(k));
          if (random.nextInt(3) > 0) {
            table.remove(e);
            model.remove(k);
          }
        } else if (model.size() < capacity) {
          Object object = k % 2 == 0 ? null : "CL-" + k;
          table.insert(k, object, hashing.applyAsInt(k), step, (int) (k % 11));
          model.put(k, (long) step);
        }
        if (step % 997 == 0) { // the oldest tenth or so leave by expiry: removal from the age order's end
          long deadline = model.isEmpty() ? 0 : model.values().iterator().next() + steps / 200;
          int max = 1 + random.nextInt(50);
          int expected = 0;
          for (Iterator<Long> it = model.values().iterator(); it.hasNext() && expected < max; ) {
            if (it.next() > deadline) {
              break;
            }
            it.remove();
            expected++;
          }
          assertThat(table.expire(deadline, max)).isEqualTo(expected);
        }
        assertThat(table.size()).isEqualTo(model.size());
        if (step % 5_000 == 0) {
          for (long key = 0; key < keys; key++) {
            int found = find(table, key, hashing);
            assertThat(found != OrderTable.NONE).as("step %d, key %d", step, key).isEqualTo(model.containsKey(key));
            if (found != OrderTable.NONE) {
              assertThat(table.sentNanos(found)).isEqualTo(model.get(key));
              assertThat(table.group(found)).isEqualTo((int) (key % 11));
            }
          }
        }
      }
      assertThat(table.expiredCapacity()).isZero();
    }
  }
}
