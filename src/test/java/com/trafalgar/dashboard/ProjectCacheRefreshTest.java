package com.trafalgar.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.source.SourceException;
import com.trafalgar.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Refresh without waiting (docs/dashboard.md): a project with an entry is served from it while ONE
 * background refresh runs; refreshes are due one TTL after the previous fetch began, cold fills a
 * little earlier (spread); only a project without an entry makes a read wait. Background fetches
 * are queued here and run when the test says, so every interleaving is explicit (no threads, no
 * sleeps); the upstream's latency is simulated by moving the clock inside the loader.
 */
class ProjectCacheRefreshTest {
  private final MutableClock clock = new MutableClock("2024-05-20T09:00:00Z");
  private final AtomicReference<CacheSettings> settings =
      new AtomicReference<>(new CacheSettings(30, 0, 0));
  private final ProjectCacheTest.Upstream upstream = new ProjectCacheTest.Upstream();
  private final Deque<Runnable> queued = new ArrayDeque<>();
  private volatile double spread;
  private volatile Duration latency = Duration.ZERO;
  private final ProjectCache<List<ObjectNode>> cache = new ProjectCache<>("versions", clock,
      settings::get, List::size, true, queued::add, () -> spread);

  private List<ObjectNode> get(String project) throws SourceException {
    return cache.get(project, this::load);
  }

  /** The upstream call, taking {@link #latency} of the test's clock. */
  private List<ObjectNode> load(String project) throws SourceException {
    clock.advance(latency);
    return upstream.versions(project);
  }

  private int runQueued() {
    int ran = 0;
    for (Runnable task = queued.poll(); task != null; task = queued.poll()) {
      task.run();
      ran++;
    }
    return ran;
  }

  private static final Instant T0 = Instant.parse("2024-05-20T09:00:00Z");

  private void at(double seconds) {
    Instant target = T0.plusNanos(Math.round(seconds * 1e9));
    clock.advance(Duration.between(clock.instant(), target));
  }

  @Test
  void anExpiredEntryIsServedAtOnceWhileOneBackgroundRefreshRuns() throws Exception {
    List<ObjectNode> first = get("alpha"); // cold: the caller waits for this one
    assertEquals(1, upstream.calls("alpha"));
    assertEquals(0, queued.size());

    at(45); // expired 15 s ago
    for (int i = 0; i < 100; i++) {
      assertSame(first, get("alpha"));
    }
    assertEquals(1, queued.size(), "one refresh, however many reads");
    assertTrue(cache.inFlight("alpha"));
    assertEquals(1, upstream.calls("alpha"), "no read fetched");

    assertEquals(1, runQueued());
    assertEquals(2, upstream.calls("alpha"));
    List<ObjectNode> second = get("alpha");
    assertNotSame(first, second);
    assertEquals(0, queued.size());
    ProjectCache.Stats stats = cache.stats();
    assertEquals(T0.plusSeconds(45), stats.lastRefreshAt());
    assertEquals(T0.plusSeconds(75), stats.expiresAt(), "9.6: TTL after the fetch");
  }

  @Test
  void aRefreshIsDueOneTtlAfterThePreviousFetchBeganSoItEndsAroundTheExpiry() throws Exception {
    latency = Duration.ofSeconds(2);
    List<ObjectNode> first = get("alpha"); // began at 0, fetched at 2: expires at 32
    assertEquals(T0.plusSeconds(32), cache.stats().expiresAt());
    latency = Duration.ZERO;

    at(29.999);
    assertSame(first, get("alpha"));
    assertEquals(0, queued.size(), "not due yet");

    at(30); // due (began at 0 + TTL), still fresh until 32
    assertSame(first, get("alpha"));
    assertEquals(1, queued.size());
    latency = Duration.ofSeconds(2);
    runQueued(); // began at 30, fetched at 32
    assertEquals(T0.plusSeconds(62), cache.stats().expiresAt());
    assertEquals(2, upstream.calls("alpha"));
  }

  @Test
  void aColdFillIsDueEarlierByItsSpreadAndLaterRefreshesAreNot() throws Exception {
    spread = 0.5; // 0.5 × 10 % of 30 s: due 1.5 s early
    get("alpha");
    at(28.499);
    get("alpha");
    assertEquals(0, queued.size());
    at(28.5);
    get("alpha");
    assertEquals(1, runQueued());
    assertEquals(T0.plusSeconds(58).plusMillis(500), cache.stats().expiresAt());

    at(58.499); // the refreshed entry is due a full TTL after its fetch began
    get("alpha");
    assertEquals(0, queued.size());
    at(58.5);
    get("alpha");
    assertEquals(1, runQueued());
    assertEquals(3, upstream.calls("alpha"));
  }

  @Test
  void projectsFilledTogetherRefreshAtDifferentTimes() throws Exception {
    List<String> projects = List.of("a", "b", "c", "d");
    double[] shares = {0.0, 0.3, 0.6, 0.9};
    for (int i = 0; i < projects.size(); i++) {
      spread = shares[i];
      get(projects.get(i));
    }
    // every 100 ms a /status-like read of all four; note when each refresh is started
    Map<String, Double> dueAt = new java.util.TreeMap<>();
    for (int tick = 250; tick <= 300; tick++) {
      at(tick / 10.0);
      cache.getAll(projects, this::load);
      for (String project : projects) {
        if (cache.inFlight(project) && !dueAt.containsKey(project)) {
          dueAt.put(project, tick / 10.0);
        }
      }
      runQueued();
    }
    assertEquals(Map.of("a", 30.0, "b", 29.1, "c", 28.2, "d", 27.3), dueAt);
  }

  @Test
  void fetchesPerProjectStayWithinCeilOfTOverTtlPlusOneUnderConstantPolling() throws Exception {
    settings.set(new CacheSettings(10, 0, 0));
    spread = 0.999; // the earliest first refresh there can be
    // 100 reads a second for 120 s; a refresh waits 350 ms for a pool thread
    int queuedAt = -1;
    for (int tick = 0; tick < 12_000; tick++) {
      at(tick / 100.0);
      get("alpha");
      if (!queued.isEmpty() && queuedAt < 0) {
        queuedAt = tick;
      }
      if (queuedAt >= 0 && tick - queuedAt >= 35) {
        runQueued();
        queuedAt = -1;
      }
    }
    int fetches = upstream.calls("alpha");
    assertTrue(fetches <= 12 + 1, "ceil(120 / 10) + 1, got " + fetches);
    assertTrue(fetches >= 11, "refreshed about once per TTL, got " + fetches);
  }

  @Test
  void onlyAProjectWithoutAnEntryMakesAReadWait() throws Exception {
    Map<String, CompletableFuture<List<ObjectNode>>> cold =
        cache.getAll(List.of("alpha"), this::load);
    assertFalse(cold.get("alpha").isDone(), "the cold fill runs on the refresher");
    assertEquals(1, runQueued());
    List<ObjectNode> filled = ProjectCache.await(cold.get("alpha"));

    at(31);
    Map<String, CompletableFuture<List<ObjectNode>>> warm =
        cache.getAll(List.of("alpha"), this::load);
    assertTrue(warm.get("alpha").isDone(), "an expired entry is answered at once");
    assertSame(filled, warm.get("alpha").join());
    assertEquals(1, runQueued());
  }

  @Test
  void aFailedBackgroundRefreshKeepsServingTheEntryAndTheNextReadTriesAgain() throws Exception {
    List<ObjectNode> cached = get("alpha");
    at(300);
    upstream.failWith = "HTTP 503";
    assertSame(cached, get("alpha"));
    assertEquals(1, runQueued());
    assertEquals(2, upstream.calls("alpha"));
    assertFalse(cache.inFlight("alpha"));

    assertSame(cached, get("alpha"), "stale on error");
    assertEquals(1, runQueued(), "the refetch is tried again on the next read");
    upstream.failWith = null;
    assertSame(cached, get("alpha"));
    runQueued();
    assertNotSame(cached, get("alpha"));
    assertEquals(4, upstream.calls("alpha"));
  }

  @Test
  void aColdFailureStillReachesTheCaller() {
    upstream.failWith = "timeout";
    SourceException failure = assertThrows(SourceException.class, () -> get("alpha"));
    assertEquals("timeout", failure.reason());
  }

  @Test
  void aBackgroundRefreshInFlightDuringAFlushDoesNotRefillAndColdReadsFetchAnew()
      throws Exception {
    get("alpha");
    at(31);
    get("alpha"); // queues the refresh
    cache.flush();
    List<ObjectNode> afterFlush = get("alpha"); // cold again: its own fetch, cached
    assertEquals(2, upstream.calls("alpha"));
    runQueued(); // the refresh from before the flush: fetched, not stored
    assertEquals(3, upstream.calls("alpha"));
    assertSame(afterFlush, get("alpha"));
    assertEquals(1, cache.stats().entries());
  }

  @Test
  void anEntryEvictedWhileItsRefreshRunsIsWaitedForByTheNextReadAndFetchedOnce()
      throws Exception {
    settings.set(new CacheSettings(30, 0, 1));
    get("alpha");
    at(31);
    get("alpha"); // refresh queued
    get("beta"); // evicts alpha
    assertEquals(List.of("beta"), cache.projects());
    Runnable refresh = queued.poll();
    CompletableFuture<List<ObjectNode>> waiting =
        cache.getAll(List.of("alpha"), this::load).get("alpha");
    assertEquals(0, queued.size(), "the cold read joined the refresh in flight");
    refresh.run();
    assertEquals(1, ProjectCache.await(waiting).size());
    assertEquals(2, upstream.calls("alpha"));
  }
}
