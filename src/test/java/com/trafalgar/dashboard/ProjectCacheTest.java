package com.trafalgar.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.json.Json;
import com.trafalgar.source.SourceException;
import com.trafalgar.source.SourceMode;
import com.trafalgar.testing.MutableClock;
import com.trafalgar.testing.VersionsOnlySource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The versions/review bucket of API.md 9.6 with a real cache over a test upstream. Background
 * fetches run inline unless a test queues them ({@link #queueFetches}) or gives them a pool.
 */
class ProjectCacheTest {
  private final MutableClock clock = new MutableClock("2024-05-20T09:00:00Z");
  private final AtomicReference<CacheSettings> settings =
      new AtomicReference<>(new CacheSettings(30, 0, 0));
  private final Upstream upstream = new Upstream();
  private volatile Executor refresher = Runnable::run;
  private volatile double spread;
  private final ProjectCache<List<ObjectNode>> cache = new ProjectCache<>("versions", clock,
      settings::get, List::size, true, task -> refresher.execute(task), () -> spread);
  private final Deque<Runnable> queued = new ArrayDeque<>();
  private ExecutorService pool;

  /** Background fetches wait in {@link #queued} until the test runs them. */
  private void queueFetches() {
    refresher = queued::add;
  }

  /** Runs the queued fetches; returns how many there were. */
  private int runQueued() {
    int ran = 0;
    for (Runnable task = queued.poll(); task != null; task = queued.poll()) {
      task.run();
      ran++;
    }
    return ran;
  }

  /** A production backend double: per-project record counts, call counting, optional gate. */
  static final class Upstream extends VersionsOnlySource {
    final Map<String, Integer> sizes = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    volatile String failWith;
    volatile CountDownLatch gate;
    final CountDownLatch entered = new CountDownLatch(1);

    int calls(String project) {
      return calls.computeIfAbsent(project, p -> new AtomicInteger()).get();
    }

    @Override
    public SourceMode mode() {
      return SourceMode.SHOTGRID;
    }

    @Override
    public List<String> listProjects() {
      return List.copyOf(sizes.keySet());
    }

    @Override
    public List<ObjectNode> versions(String project) throws SourceException {
      calls.computeIfAbsent(project, p -> new AtomicInteger()).incrementAndGet();
      entered.countDown();
      if (gate != null) {
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failWith != null) {
        throw new SourceException(failWith);
      }
      List<ObjectNode> records = new ArrayList<>();
      for (int i = 0; i < sizes.getOrDefault(project, 1); i++) {
        ObjectNode record = Json.object();
        record.put("project", project);
        record.put("shot", "sh" + i);
        records.add(record);
      }
      return records;
    }
  }

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private List<ObjectNode> get(String project) throws SourceException {
    return cache.get(project, upstream::versions);
  }

  @Test
  void entriesAreServedUntilTheTtlThenRefetchedLazily() throws Exception {
    List<ObjectNode> first = get("alpha");
    clock.advance(Duration.ofSeconds(29));
    assertSame(first, get("alpha"));
    assertEquals(1, upstream.calls("alpha"));
    ProjectCache.Stats stats = cache.stats();
    assertEquals(1, stats.entries());
    assertEquals(Instant.parse("2024-05-20T09:00:00Z"), stats.lastRefreshAt());
    assertEquals(Instant.parse("2024-05-20T09:00:30Z"), stats.expiresAt());

    clock.advance(Duration.ofSeconds(1));
    List<ObjectNode> second = get("alpha");
    assertEquals(2, upstream.calls("alpha"));
    assertTrue(first != second);
    assertEquals(Instant.parse("2024-05-20T09:01:00Z"), cache.stats().expiresAt());
  }

  @Test
  void ttlZeroDisablesCaching() throws Exception {
    settings.set(new CacheSettings(0, 0, 0));
    get("alpha");
    get("alpha");
    assertEquals(2, upstream.calls("alpha"));
    assertEquals(new ProjectCache.Stats(0, null, null, 0), cache.stats());
  }

  @Test
  void projectsCapEvictsTheLeastRecentlyUsedAndReadsRefreshRecency() throws Exception {
    settings.set(new CacheSettings(30, 0, 2));
    get("a");
    get("b");
    get("a"); // a is now the most recent
    get("c"); // evicts b
    assertEquals(List.of("a", "c"), cache.projects());
    assertEquals(1, cache.stats().evictions());
    get("b");
    assertEquals(2, upstream.calls("b"));
    assertEquals(List.of("c", "b"), cache.projects());
    assertEquals(2, cache.stats().evictions());
  }

  @Test
  void recordsCapEvictsUntilTheSumFitsAndOversizedProjectsAreNotCached() throws Exception {
    settings.set(new CacheSettings(30, 10, 0));
    upstream.sizes.putAll(Map.of("a", 4, "b", 4, "c", 5, "huge", 11));
    get("a");
    get("b");
    get("c"); // 13 > 10: evicts a
    assertEquals(List.of("b", "c"), cache.projects());
    assertEquals(1, cache.stats().evictions());

    assertEquals(11, get("huge").size());
    assertEquals(List.of("b", "c"), cache.projects());
    get("huge");
    assertEquals(2, upstream.calls("huge"));
  }

  @Test
  void aFailedRefetchServesTheExpiredEntry() throws Exception {
    List<ObjectNode> cached = get("alpha");
    clock.advance(Duration.ofMinutes(5));
    upstream.failWith = "HTTP 503";
    assertSame(cached, get("alpha"));
    assertEquals(2, upstream.calls("alpha"));
  }

  @Test
  void aFailureWithoutAnEntryReachesTheCaller() {
    upstream.failWith = "timeout";
    SourceException failure = assertThrows(SourceException.class, () -> get("alpha"));
    assertEquals("timeout", failure.reason());
    assertEquals(0, cache.stats().entries());
  }

  @Test
  void flushEmptiesTheBucketButKeepsEvictions() throws Exception {
    settings.set(new CacheSettings(30, 0, 1));
    get("a");
    get("b");
    cache.flush();
    ProjectCache.Stats stats = cache.stats();
    assertEquals(0, stats.entries());
    assertNull(stats.lastRefreshAt());
    assertNull(stats.expiresAt());
    assertEquals(1, stats.evictions());
  }

  @Test
  void concurrentMissesShareOneUpstreamCall() throws Exception {
    int threads = 32;
    pool = Executors.newFixedThreadPool(threads);
    upstream.gate = new CountDownLatch(1);
    upstream.sizes.put("alpha", 3);
    CountDownLatch ready = new CountDownLatch(threads);
    List<Future<List<ObjectNode>>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> {
        ready.countDown();
        return get("alpha");
      }));
    }
    ready.await(30, TimeUnit.SECONDS);
    awaitCallers("alpha", threads);
    upstream.gate.countDown();
    List<ObjectNode> first = results.get(0).get(30, TimeUnit.SECONDS);
    for (Future<List<ObjectNode>> result : results) {
      assertSame(first, result.get(30, TimeUnit.SECONDS));
    }
    assertEquals(1, upstream.calls("alpha"));
    assertEquals(3, first.size());
  }

  @Test
  void concurrentWaitersAllReceiveTheSharedFailure() throws Exception {
    int threads = 16;
    pool = Executors.newFixedThreadPool(threads);
    upstream.gate = new CountDownLatch(1);
    upstream.failWith = "connection failed";
    List<Future<List<ObjectNode>>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> get("alpha")));
    }
    awaitCallers("alpha", threads);
    upstream.gate.countDown();
    for (Future<List<ObjectNode>> result : results) {
      Exception failure = assertThrows(Exception.class, () -> result.get(30, TimeUnit.SECONDS));
      assertTrue(failure.getCause() instanceof SourceException, failure.toString());
    }
    assertEquals(1, upstream.calls("alpha"));
  }

  /** Waits until every caller shares the one fetch the upstream gate holds open. */
  private void awaitCallers(String project, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cache.callersInFlight(project) < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(expected, cache.callersInFlight(project));
  }

  @Test
  void aFetchInFlightDuringAFlushDoesNotRefillTheBucket() throws Exception {
    pool = Executors.newSingleThreadExecutor();
    upstream.gate = new CountDownLatch(1);
    Future<List<ObjectNode>> pending = pool.submit(() -> get("alpha"));
    upstream.entered.await(30, TimeUnit.SECONDS);
    cache.flush();
    upstream.gate.countDown();
    assertEquals(1, pending.get(30, TimeUnit.SECONDS).size());
    assertEquals(0, cache.stats().entries());
  }

  @Test
  void aRequestAfterAFlushStartsItsOwnFetchAndCachesIt() throws Exception {
    pool = Executors.newSingleThreadExecutor();
    CountDownLatch held = new CountDownLatch(1);
    upstream.gate = held;
    Future<List<ObjectNode>> pending = pool.submit(() -> get("alpha"));
    upstream.entered.await(30, TimeUnit.SECONDS);
    cache.flush();
    upstream.gate = null;

    assertEquals(1, get("alpha").size());
    assertEquals(2, upstream.calls("alpha"));
    assertEquals(1, cache.stats().entries());

    held.countDown();
    assertEquals(1, pending.get(30, TimeUnit.SECONDS).size());
    assertEquals(1, cache.stats().entries());
  }

  private Map<String, java.util.concurrent.CompletableFuture<List<ObjectNode>>> getAllOnPool(
      List<String> projects, ProjectCache.Loader<List<ObjectNode>> loader) {
    refresher = pool;
    return cache.getAll(projects, loader);
  }

  @Test
  void getAllFetchesTheMissesItLeadsConcurrentlyAndServesFreshEntriesAsTheyAre() throws Exception {
    List<ObjectNode> cached = get("alpha");
    pool = Executors.newFixedThreadPool(4);
    // every fetch waits until all three have started: only a concurrent fan-out gets through
    CountDownLatch allStarted = new CountDownLatch(3);
    ProjectCache.Loader<List<ObjectNode>> gated = project -> {
      allStarted.countDown();
      try {
        if (!allStarted.await(30, TimeUnit.SECONDS)) {
          throw new SourceException("fetches ran one after another");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return upstream.versions(project);
    };

    Map<String, java.util.concurrent.CompletableFuture<List<ObjectNode>>> answers =
        getAllOnPool(List.of("alpha", "beta", "gamma", "delta"), gated);

    assertEquals(List.of("alpha", "beta", "gamma", "delta"), List.copyOf(answers.keySet()));
    assertSame(cached, ProjectCache.await(answers.get("alpha")));
    for (String project : List.of("beta", "gamma", "delta")) {
      assertEquals(project,
          ProjectCache.await(answers.get(project)).get(0).get("project").asText());
    }
    assertEquals(1, upstream.calls("alpha"));
    assertEquals(1, upstream.calls("beta"));
    assertEquals(4, cache.stats().entries());
  }

  @Test
  void getAllJoinsAFetchAlreadyInFlightAndPassesItsFailureOn() throws Exception {
    pool = Executors.newFixedThreadPool(2);
    upstream.gate = new CountDownLatch(1);
    upstream.failWith = "HTTP 500";
    Future<List<ObjectNode>> leader = pool.submit(() -> get("alpha"));
    upstream.entered.await(30, TimeUnit.SECONDS);

    Map<String, java.util.concurrent.CompletableFuture<List<ObjectNode>>> answers =
        getAllOnPool(List.of("alpha"), upstream::versions);
    assertEquals(2, cache.callersInFlight("alpha"));
    upstream.gate.countDown();

    SourceException failure =
        assertThrows(SourceException.class, () -> ProjectCache.await(answers.get("alpha")));
    assertEquals("HTTP 500", failure.reason());
    assertThrows(Exception.class, () -> leader.get(30, TimeUnit.SECONDS));
    assertEquals(1, upstream.calls("alpha"));
  }
}
