package com.trafalgar.dashboard;

import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One per-project cache bucket of API.md 9.6 ({@code versions} or {@code review}): entries expire
 * {@code ttl_seconds} after their fetch and are refetched lazily; least-recently-used projects are
 * evicted beyond the projects cap and, when the bucket counts records, beyond the records cap;
 * concurrent misses for one project share ONE upstream fetch (single flight); a failed refetch
 * serves the expired entry (stale on error).
 *
 * @param <V> the cached value of one project
 */
public final class ProjectCache<V> {
  private static final Logger LOG = Logger.getLogger(ProjectCache.class.getName());

  /** Loads one project's value from upstream. */
  @FunctionalInterface
  public interface Loader<V> {
    V load(String project) throws SourceException;
  }

  /** What {@code GET /admin/cache} shows of a bucket (4.4). */
  public record Stats(int entries, Instant lastRefreshAt, Instant expiresAt, long evictions) {}

  private record Entry<V>(V value, int records, Instant fetchedAt) {}

  /** One upstream fetch that every concurrent caller for the project waits on. */
  private static final class Flight<V> {
    final CompletableFuture<V> result = new CompletableFuture<>();
    final long generation;
    /** Callers sharing this fetch (the leader included). */
    int callers = 1;

    Flight(long generation) {
      this.generation = generation;
    }
  }

  private final String name;
  private final Clock clock;
  private final Supplier<CacheSettings> settings;
  private final ToIntFunction<V> weigher;
  private final boolean recordsCapped;

  /** Access-ordered: iteration starts at the least recently used project. */
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Flight<V>> flights = new HashMap<>();
  private long records;
  private long evictions;
  private long generation;
  private Instant lastRefreshAt;

  /**
   * @param name the bucket name, for logs
   * @param settings the live settings, read on every operation
   * @param weigher records of one value (the records cap)
   * @param recordsCapped whether {@code max_records} applies to this bucket
   */
  public ProjectCache(
      String name,
      Clock clock,
      Supplier<CacheSettings> settings,
      ToIntFunction<V> weigher,
      boolean recordsCapped) {
    this.name = name;
    this.clock = clock;
    this.settings = settings;
    this.weigher = weigher;
    this.recordsCapped = recordsCapped;
  }

  /**
   * The project's value: the cached one while fresh, else one shared upstream fetch. When the
   * fetch fails, an expired entry is served instead; without one the failure is thrown to every
   * waiter.
   */
  public V get(String project, Loader<V> loader) throws SourceException {
    Join<V> join = join(project);
    if (join.fresh() != null) {
      return join.fresh().value();
    }
    if (join.leader()) {
      fetch(project, loader, join.flight(), join.stale());
    }
    return await(join.flight().result);
  }

  /**
   * {@link #get} for several projects at once, for a cold dashboard: the fetches this caller
   * leads run concurrently on {@code fetcher} (its size bounds the load on upstream), so a cold
   * {@code /status} over twenty projects costs about one fetch's latency per pool thread instead of
   * twenty in a row. Misses already in flight are joined, exactly as {@link #get} would. Each
   * answer completes with the value {@link #get} would return or the failure it would throw; read
   * it with {@link #await(CompletableFuture)}.
   */
  public Map<String, CompletableFuture<V>> getAll(
      Collection<String> projects, Loader<V> loader, Executor fetcher) {
    Map<String, CompletableFuture<V>> answers = new LinkedHashMap<>();
    for (String project : projects) {
      Join<V> join = join(project);
      if (join.fresh() != null) {
        answers.put(project, CompletableFuture.completedFuture(join.fresh().value()));
        continue;
      }
      if (join.leader()) {
        Runnable fetch = () -> fetch(project, loader, join.flight(), join.stale());
        try {
          fetcher.execute(fetch);
        } catch (RejectedExecutionException e) {
          fetch.run(); // the pool is shutting down: fetch on the caller's thread
        }
      }
      answers.put(project, join.flight().result);
    }
    return answers;
  }

  /** How a read meets the bucket: a fresh entry, or the flight it leads or joins. */
  private record Join<V>(Entry<V> fresh, Flight<V> flight, Entry<V> stale, boolean leader) {}

  private synchronized Join<V> join(String project) {
    Entry<V> entry = entries.get(project);
    if (entry != null && fresh(entry, clock.instant())) {
      return new Join<>(entry, null, null, false);
    }
    Flight<V> flight = flights.get(project);
    // a fetch started before the last flush is not joined: its result will not be cached, so
    // joining it would leave the bucket empty after the "one new fetch" a flush promises
    if (flight != null && flight.generation == generation) {
      flight.callers++;
      return new Join<>(null, flight, entry, false);
    }
    flight = new Flight<>(generation);
    flights.put(project, flight);
    return new Join<>(null, flight, entry, true);
  }

  private void fetch(String project, Loader<V> loader, Flight<V> flight, Entry<V> stale) {
    try {
      V value = loader.load(project);
      Instant fetchedAt = clock.instant();
      synchronized (this) {
        flights.remove(project, flight);
        if (flight.generation == generation) {
          store(project, value, fetchedAt);
        }
      }
      flight.result.complete(value);
    } catch (SourceException | RuntimeException e) {
      synchronized (this) {
        flights.remove(project, flight);
      }
      if (stale != null && e instanceof SourceException failure) {
        LOG.log(Level.WARNING, "Refreshing the " + name + " cache of project '" + project
            + "' failed (" + failure.reason() + "); serving the expired entry.", e);
        flight.result.complete(stale.value());
      } else {
        flight.result.completeExceptionally(e);
      }
    }
  }

  /** The value of an answer of {@link #getAll}, or the failure {@link #get} would throw. */
  public static <V> V await(CompletableFuture<V> answer) throws SourceException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return answer.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof SourceException failure) {
            throw failure;
          }
          if (e.getCause() instanceof RuntimeException failure) {
            throw failure;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Caller holds the lock. */
  private void store(String project, V value, Instant fetchedAt) {
    CacheSettings current = settings.get();
    if (current.ttlSeconds() <= 0) {
      return;
    }
    int weight = recordsCapped ? weigher.applyAsInt(value) : 0;
    Entry<V> previous = entries.remove(project);
    if (previous != null) {
      records -= previous.records();
    }
    lastRefreshAt = fetchedAt;
    int maxRecords = recordsCapped ? current.maxRecords() : 0;
    if (maxRecords > 0 && weight > maxRecords) {
      // served to the caller, never cached: it alone would break the cap
      return;
    }
    entries.put(project, new Entry<>(value, weight, fetchedAt));
    records += weight;
    evictBeyond(current, maxRecords, project);
  }

  /** Evicts least-recently-used projects (never {@code keep}) until both caps hold. */
  private void evictBeyond(CacheSettings current, int maxRecords, String keep) {
    Iterator<Map.Entry<String, Entry<V>>> oldest = entries.entrySet().iterator();
    while (oldest.hasNext()
        && ((current.maxProjects() > 0 && entries.size() > current.maxProjects())
            || (maxRecords > 0 && records > maxRecords))) {
      Map.Entry<String, Entry<V>> candidate = oldest.next();
      if (candidate.getKey().equals(keep)) {
        continue;
      }
      records -= candidate.getValue().records();
      oldest.remove();
      evictions++;
    }
  }

  private boolean fresh(Entry<V> entry, Instant now) {
    return now.isBefore(expiry(entry));
  }

  private Instant expiry(Entry<V> entry) {
    double ttl = settings.get().ttlSeconds();
    return entry.fetchedAt().plus(Duration.ofNanos((long) (ttl * 1_000_000_000L)));
  }

  /**
   * Empties the bucket ({@code POST /admin/cache}); fetches still in flight answer their waiters
   * but no longer fill the bucket. Evictions are kept.
   */
  public synchronized void flush() {
    entries.clear();
    records = 0;
    lastRefreshAt = null;
    generation++;
  }

  /** The bucket as {@code GET /admin/cache} shows it. */
  public synchronized Stats stats() {
    Instant expiresAt = null;
    if (settings.get().ttlSeconds() > 0) {
      for (Entry<V> entry : entries.values()) {
        Instant expiry = expiry(entry);
        if (expiresAt == null || expiry.isBefore(expiresAt)) {
          expiresAt = expiry;
        }
      }
    }
    return new Stats(entries.size(), lastRefreshAt, expiresAt, evictions);
  }

  /** Callers currently sharing the fetch of {@code project}; 0 when none is in flight (tests). */
  synchronized int callersInFlight(String project) {
    Flight<V> flight = flights.get(project);
    return flight == null ? 0 : flight.callers;
  }

  /** Cached projects from least to most recently used (tests and diagnostics). */
  public synchronized java.util.List<String> projects() {
    return java.util.List.copyOf(entries.keySet());
  }
}
