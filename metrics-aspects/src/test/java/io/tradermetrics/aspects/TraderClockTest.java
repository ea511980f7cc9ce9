package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The clock's promise: the system's monotonic time, and a wall time as of the latest monotonic reading. */
class TraderClockTest {

  @Test
  void monotonicTimeIsTheSystemsAndWallTimeFollowsItToTheMillisecond() {
    TraderClock clock = TraderClock.create();
    long before = System.nanoTime();
    long mono = clock.monotonicTime();
    assertThat(mono).isBetween(before, System.nanoTime());
    long wallBefore = System.currentTimeMillis();
    clock.monotonicTime();
    long wall = clock.wallTime();
    assertThat(wall).isBetween(wallBefore - 3, System.currentTimeMillis() + 3);
  }

  @Test
  void wallTimeStandsStillWithoutAMonotonicReadingAndCatchesUpAtTheNext() throws Exception {
    TraderClock clock = TraderClock.create();
    clock.monotonicTime();
    long standing = clock.wallTime();
    Thread.sleep(30);
    assertThat(clock.wallTime()).as("no reading since").isEqualTo(standing);
    long wallBefore = System.currentTimeMillis();
    clock.monotonicTime();
    long caughtUp = clock.wallTime();
    long wallAfter = System.currentTimeMillis();
    // to a millisecond or two: the anchor's own millisecond, and integer division
    assertThat(caughtUp).as("after a reading").isGreaterThanOrEqualTo(standing + 25)
        .isBetween(wallBefore - 3, wallAfter + 3);
  }
}
