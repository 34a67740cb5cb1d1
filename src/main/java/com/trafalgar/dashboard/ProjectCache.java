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
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One per-project cache bucket of API.md 9.6 ({@code versions} or {@code review}): entries expire
 * {@code ttl_seconds} after their fetch; least-recently-used projects are evicted beyond the
 * projects cap and, when the bucket counts records, beyond the records cap; concurrent misses for
 * one project share ONE upstream fetch (single flight); a failed refetch keeps serving the old
 * entry (stale on error).
 *
 * <p>Only a project with no entry (never fetched, flushed, evicted, too big to cache, or TTL 0)
 * makes a read wait. A project with an entry is always answered from it at once; the read that
 * finds it due starts ONE background refresh on the refresher (docs/dashboard.md, "Refresh without
 * waiting"). An entry is due one TTL after its fetch <em>began</em> (so fetches of a project start
 * at least one TTL apart), at the latest when it expires; an entry filled cold is due earlier by a
 * random share of up to {@value #COLD_SPREAD} of the TTL, which spreads projects fetched together
 * so they do not refresh together ever after.
 *
 * @param <V> the cached value of one project
 */
public final class ProjectCache<V> {
  private static final Logger LOG = Logger.getLogger(ProjectCache.class.getName());

  /**
   * Largest share of the TTL by which a cold-filled entry's first refresh is brought forward.
   * Below 1, so a project's fetches over any T stay within ceil(T / TTL) + 1.
   */
  static final double COLD_SPREAD = 0.1;

  /** Loads one project's value from upstream. */
  @FunctionalInterface
  public interface Loader<V> {
    V load(String project) throws SourceException;
  }

  /** What {@code GET /admin/cache} shows of a bucket (4.4). */
  public record Stats(int entries, Instant lastRefreshAt, Instant expiresAt, long evictions) {}

  /**
   * A cached value: {@code startedAt}/{@code fetchedAt} bound its upstream call; {@code early} is
   * the share of the TTL by which its refresh is brought forward (0 for a refreshed entry).
   */
  private record Entry<V>(
      V value, int records, Instant startedAt, Instant fetchedAt, double early) {}

  /** One upstream fetch: waited on by cold readers, in the background when an entry exists. */
  private static final class Flight<V> {
    final CompletableFuture<V> result = new CompletableFuture<>();
    final long generation;
    /** The entry being refreshed; {@code null} for a cold fill. */
    final Entry<V> previous;
    /** Readers waiting on this fetch (a cold fill's leader included). */
    int callers;

    Flight(long generation, Entry<V> previous) {
      this.generation = generation;
      this.previous = previous;
      this.callers = previous == null ? 1 : 0;
    }
  }

  private final String name;
  private final Clock clock;
  private final Supplier<CacheSettings> settings;
  private final ToIntFunction<V> weigher;
  private final boolean recordsCapped;
  private final Executor refresher;
  private final DoubleSupplier spread;

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
   * @param refresher runs cold fetches of {@link #getAll} and every background refresh (its size
   *     bounds the load on upstream)
   * @param spread a number in [0, 1) per cold fill, scaled by {@value #COLD_SPREAD} of the TTL
   */
  public ProjectCache(
      String name,
      Clock clock,
      Supplier<CacheSettings> settings,
      ToIntFunction<V> weigher,
      boolean recordsCapped,
      Executor refresher,
      DoubleSupplier spread) {
    this.name = name;
    this.clock = clock;
    this.settings = settings;
    this.weigher = weigher;
    this.recordsCapped = recordsCapped;
    this.refresher = refresher;
    this.spread = spread;
  }

  /**
   * The project's value: the cached one (fresh or expired, refreshed in the background when due),
   * else one shared upstream fetch that the caller waits for. When a cold fetch fails the failure
   * is thrown to every waiter.
   */
  public V get(String project, Loader<V> loader) throws SourceException {
    Join<V> join = join(project);
    if (join.cached() != null) {
      return served(project, loader, join);
    }
    if (join.leader()) {
      fetch(project, loader, join.flight());
    }
    return await(join.flight().result);
  }

  /**
   * {@link #get} for several projects at once, for {@code /status}: the cold fetches this caller
   * leads run concurrently on the refresher, so a cold dashboard over twenty projects costs about
   * one fetch's latency per pool thread instead of twenty in a row. Cold fetches already in flight
   * are joined, exactly as {@link #get} would. Each answer completes with the value {@link #get}
   * would return or the failure it would throw; read it with {@link #await(CompletableFuture)}.
   */
  public Map<String, CompletableFuture<V>> getAll(Collection<String> projects, Loader<V> loader) {
    Map<String, CompletableFuture<V>> answers = new LinkedHashMap<>();
    for (String project : projects) {
      Join<V> join = join(project);
      if (join.cached() != null) {
        answers.put(project, CompletableFuture.completedFuture(served(project, loader, join)));
        continue;
      }
      if (join.leader()) {
        run(() -> fetch(project, loader, join.flight()));
      }
      answers.put(project, join.flight().result);
    }
    return answers;
  }

  /**
   * How a read meets the bucket: an entry to serve (with the background refresh it must start, if
   * it leads one), or the cold fetch it leads or joins.
   */
  private record Join<V>(Entry<V> cached, Flight<V> flight, boolean leader) {}

  private synchronized Join<V> join(String project) {
    Entry<V> entry = entries.get(project);
    Flight<V> flight = flights.get(project);
    // a fetch started before the last flush is not joined: its result will not be cached, so
    // joining it would leave the bucket empty after the "one new fetch" a flush promises
    boolean current = flight != null && flight.generation == generation;
    if (entry != null) {
      if (current || clock.instant().isBefore(due(entry))) {
        return new Join<>(entry, null, false);
      }
      Flight<V> refresh = new Flight<>(generation, entry);
      flights.put(project, refresh);
      return new Join<>(entry, refresh, true);
    }
    if (current) {
      flight.callers++;
      return new Join<>(null, flight, false);
    }
    flight = new Flight<>(generation, null);
    flights.put(project, flight);
    return new Join<>(null, flight, true);
  }

  /**
   * The answer of a read that found an entry: starts the background refresh it leads and serves
   * the entry (or the refreshed value when the refresher already finished, e.g. runs inline).
   */
  private V served(String project, Loader<V> loader, Join<V> join) {
    if (!join.leader()) {
      return join.cached().value();
    }
    Flight<V> refresh = join.flight();
    run(() -> fetch(project, loader, refresh));
    CompletableFuture<V> result = refresh.result;
    return result.isDone() && !result.isCompletedExceptionally()
        ? result.join()
        : join.cached().value();
  }

  private void run(Runnable fetch) {
    try {
      refresher.execute(fetch);
    } catch (RejectedExecutionException e) {
      fetch.run(); // the pool is shutting down: fetch on the caller's thread
    }
  }

  private void fetch(String project, Loader<V> loader, Flight<V> flight) {
    Entry<V> stale = flight.previous;
    try {
      Instant startedAt = clock.instant();
      V value = loader.load(project);
      Instant fetchedAt = clock.instant();
      synchronized (this) {
        flights.remove(project, flight);
        if (flight.generation == generation) {
          store(project, value, startedAt, fetchedAt, stale == null ? spread() : 0);
        }
      }
      flight.result.complete(value);
    } catch (SourceException | RuntimeException e) {
      synchronized (this) {
        flights.remove(project, flight);
      }
      if (stale != null) {
        String reason = e instanceof SourceException failure ? failure.reason() : e.toString();
        LOG.log(Level.WARNING, "Refreshing the " + name + " cache of project '" + project
            + "' failed (" + reason + "); serving the cached entry.", e);
        flight.result.complete(stale.value());
      } else {
        flight.result.completeExceptionally(e);
      }
    }
  }

  private double spread() {
    double share = spread.getAsDouble();
    return share >= 0 && share < 1 ? share * COLD_SPREAD : 0;
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
  private void store(
      String project, V value, Instant startedAt, Instant fetchedAt, double early) {
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
    entries.put(project, new Entry<>(value, weight, startedAt, fetchedAt, early));
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

  /** When the entry stops being fresh (API.md 9.6): one TTL after its fetch completed. */
  private Instant expiry(Entry<V> entry) {
    return entry.fetchedAt().plus(ttl(1));
  }

  /**
   * When a read starts the entry's background refresh: one TTL (less its cold spread) after its
   * fetch began, which is never after it expires.
   */
  private Instant due(Entry<V> entry) {
    return entry.startedAt().plus(ttl(1 - entry.early()));
  }

  private Duration ttl(double share) {
    double ttl = settings.get().ttlSeconds() * share;
    return Duration.ofNanos((long) (ttl * 1_000_000_000L));
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

  /** Whether a fetch of {@code project} (cold or background) is in flight (tests). */
  synchronized boolean inFlight(String project) {
    return flights.containsKey(project);
  }

  /** Completes when every fetch in flight now has finished, whatever its outcome (tests). */
  synchronized CompletableFuture<Void> settled() {
    return CompletableFuture.allOf(flights.values().stream()
        .map(flight -> flight.result.handle((value, failure) -> null))
        .toArray(CompletableFuture[]::new));
  }

  /** Cached projects from least to most recently used (tests and diagnostics). */
  public synchronized java.util.List<String> projects() {
    return java.util.List.copyOf(entries.keySet());
  }
}
