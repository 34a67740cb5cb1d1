package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.testing.PostgresDataSources;
import com.trafalgar.testing.Eventually;
import com.trafalgar.testing.PostgresServer;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared event log on a real PostgreSQL: ids, ordered delivery, wake-ups, replay, faults. */
class EventLogTest {
  private DataSource dataSource;
  private EventLog a;
  private EventLog b;

  @BeforeEach
  void freshDatabase() {
    dataSource = ClusterDatabases.fresh();
    a = new EventLog(dataSource, "a");
    b = new EventLog(dataSource, "b");
  }

  @Test
  void idsIncreaseByOnePerDomainAcrossInstances() throws Exception {
    long start = a.head("render");
    assertTrue(start > 1_600_000_000_000_000L, "ids start at the schema's creation time x 1000");
    assertEquals(start + 1, a.append("render", "job.created", "{}"));
    assertEquals(start + 2, b.append("render", "job.updated", "{}"));
    long ingest = a.head("ingest");
    assertEquals(ingest + 1, b.append("ingest", "run.created", "{}"));
    assertEquals(start + 2, a.head("render"));
  }

  @Test
  void everyFollowerSeesEveryEventOnceInIdOrderUnderConcurrentAppends() throws Exception {
    long start = a.head("render");
    List<Long> seenByA = new CopyOnWriteArrayList<>();
    List<Long> seenByB = new CopyOnWriteArrayList<>();
    try (EventLogFollower followA = follower(start, seenByA);
        EventLogFollower followB = follower(start, seenByB)) {
      followA.start();
      followB.start();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        EventLog log = w % 2 == 0 ? a : b;
        done.add(writers.submit(() -> {
          for (int i = 0; i < 50; i++) {
            log.append("render", "job.updated", "{\"i\":" + i + "}");
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      writers.shutdown();
      waitFor(() -> seenByA.size() >= 400 && seenByB.size() >= 400);
    }
    List<Long> expected = new ArrayList<>();
    for (long id = start + 1; id <= start + 400; id++) {
      expected.add(id);
    }
    assertEquals(expected, seenByA);
    assertEquals(expected, seenByB);
  }

  @Test
  void aNotificationWakesTheFollowerLongBeforeItsPoll() throws Exception {
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (EventLogFollower follower = followerOf("b", dataSource, "render", Duration.ofSeconds(30),
        seen)) {
      follower.start();
      Thread.sleep(500); // the follower is listening
      long sent = System.nanoTime();
      a.append("render", "job.created", "{}");
      waitFor(() -> !seen.isEmpty());
      long millis = (System.nanoTime() - sent) / 1_000_000;
      assertTrue(millis < 2000, "delivered in " + millis + " ms, not by the 30 s poll");
    }
  }

  @Test
  void replayReadsFromTheTableWithinTheWindow() throws Exception {
    long start = a.head("render");
    for (int i = 0; i < 10; i++) {
      a.append("render", "job.updated", "{\"i\":" + i + "}");
    }
    List<EventLog.Entry> missed = b.after("render", start + 4, 100);
    assertEquals(6, missed.size());
    assertEquals(start + 5, missed.get(0).id());
    assertEquals("{\"i\":4}", missed.get(0).payload());
    assertEquals("a", missed.get(0).origin());
    assertEquals(7, a.prune("render", 3));
    assertEquals(start + 8, b.oldest("render").getAsLong());
  }

  @Test
  void anInstanceReadsTheStateOfOtherInstancesEventsOnly() throws Exception {
    long start = a.head("render");
    try (Connection c = dataSource.getConnection()) {
      a.append(c, "render", "job.created", "{}", "{\"job_id\":\"j1\"}");
    }
    assertEquals("{\"job_id\":\"j1\"}", b.after("render", start, 10).get(0).state());
    assertNull(a.after("render", start, 10).get(0).state(), "its own: held in memory already");
  }

  @Test
  void theFollowerReadsOnItsListeningConnection() throws Exception {
    AtomicInteger checkouts = new AtomicInteger();
    DataSource counted = CountingDataSource.over(dataSource, checkouts);
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (EventLogFollower follower = followerOf("b", counted, "render", Duration.ofMillis(100),
        seen)) {
      follower.start();
      for (int i = 0; i < 10; i++) {
        a.append("render", "job.updated", "{}");
        Thread.sleep(20);
      }
      waitFor(() -> seen.size() == 10);
    }
    assertEquals(1, checkouts.get(), "one connection for the listener and every read");
  }

  @Test
  void aFollowerWakesOnlyForItsOwnDomain() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    DataSource counted = CountingDataSource.countingPrepared(dataSource, reads);
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (EventLogFollower ingest = followerOf("b", counted, "ingest", Duration.ofSeconds(30),
        seen)) {
      ingest.start();
      waitFor(() -> reads.get() == 1); // the catch-up on connecting
      Thread.sleep(300); // and listening
      for (int i = 0; i < 30; i++) {
        a.append("render", "job.updated", "{}");
      }
      a.append("ingest", "run.created", "{}");
      waitFor(() -> seen.size() == 1);
    }
    assertEquals(2, reads.get(), "30 render commits woke the ingest follower");
  }

  @Test
  void theFollowerCatchesUpAfterTheDatabaseRestarts() throws Exception {
    try (PostgresServer own = PostgresServer.start(false)) {
      DataSource ds = PostgresDataSources.of(own);
      Migrations.migrate(ds);
      EventLog log = new EventLog(ds, "a");
      List<Long> seen = new CopyOnWriteArrayList<>();
      try (EventLogFollower follower = new EventLogFollower(ds, log,
          Map.of("render", log.head("render")), Duration.ofMillis(200),
          (domain, entry) -> seen.add(entry.id()))) {
        follower.start();
        log.append("render", "job.created", "{}");
        waitFor(() -> seen.size() == 1);
        own.restart();
        log.append("render", "job.updated", "{}");
        waitFor(() -> seen.size() == 2);
        assertEquals(seen.get(0) + 1, seen.get(1));
      }
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Eventually.waitFor(Duration.ofSeconds(20), condition);
  }

  /** Instance {@code instance}'s follower of {@code domain} on {@code on}, from the head. */
  private EventLogFollower followerOf(String instance, DataSource on, String domain,
      Duration poll, List<Long> seen) throws Exception {
    return new EventLogFollower(on, new EventLog(on, instance), Map.of(domain, a.head(domain)),
        poll, (name, entry) -> seen.add(entry.id()));
  }

  private EventLogFollower follower(long start, List<Long> seen) {
    return new EventLogFollower(dataSource, a, Map.of("render", start), Duration.ofMillis(500),
        (domain, entry) -> seen.add(entry.id()));
  }
}
