package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases on a real PostgreSQL: one holder at a time, take-over after expiry or release. */
class LeaseTest {
  private static final Duration TTL = Duration.ofMillis(1500);
  private DataSource dataSource;

  @BeforeEach
  void freshDatabase() {
    dataSource = ClusterDatabases.fresh();
  }

  @Test
  void oneHolderAtATimeAndTakeOverOnceItRunsOut() throws Exception {
    Lease a = new Lease(dataSource, "render.poller", "a", TTL);
    Lease b = new Lease(dataSource, "render.poller", "b", TTL);
    assertTrue(a.claim());
    assertTrue(a.held());
    assertFalse(b.claim());
    assertTrue(a.claim(), "the holder renews");
    Thread.sleep(TTL.toMillis() + 200);
    assertFalse(a.held(), "a silent holder knows its lease ran out");
    assertTrue(b.claim(), "another instance takes over once the lease ran out");
    assertFalse(a.claim());
  }

  @Test
  void aReleasedLeaseIsTakenAtOnce() throws Exception {
    Lease a = new Lease(dataSource, "ingest.watcher", "a", Duration.ofMinutes(1));
    Lease b = new Lease(dataSource, "ingest.watcher", "b", Duration.ofMinutes(1));
    assertTrue(a.claim());
    assertFalse(b.claim());
    a.release();
    assertFalse(a.held());
    assertTrue(b.claim());
  }

  @Test
  void theHolderCountsFromWhenItAskedNotFromTheAnswer() throws Exception {
    AtomicLong now = new AtomicLong(1_000);
    Lease a = new Lease(dataSource, "render.poller", "a", TTL, now::get);
    assertTrue(a.claim());
    now.addAndGet(TTL.toNanos() - 1);
    assertTrue(a.held());
    now.addAndGet(1);
    assertFalse(a.held());
  }

  @Test
  void keepersHandTheWorkOverWhenTheHolderStops() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    LeaseKeeper a = keeper("a", calls);
    LeaseKeeper b = keeper("b", calls);
    a.start();
    waitFor(() -> calls.contains("a gained"));
    b.start();
    Thread.sleep(TTL.toMillis());
    assertEquals(List.of("a gained"), calls, "b waits while a renews");
    a.close();
    waitFor(() -> calls.contains("b gained"));
    assertEquals(List.of("a gained", "a lost", "b gained"), calls);
    b.close();
  }

  private LeaseKeeper keeper(String holder, List<String> calls) {
    return new LeaseKeeper(new Lease(dataSource, "render.poller", holder, TTL), TTL,
        new LeaseKeeper.Listener() {
          @Override
          public void gained() {
            calls.add(holder + " gained");
          }

          @Override
          public void lost() {
            calls.add(holder + " lost");
          }
        });
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    Eventually.waitFor(Duration.ofSeconds(10), condition);
  }
}
