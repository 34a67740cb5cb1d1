package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.render.FileJobStore;
import com.trafalgar.render.JobChange;
import com.trafalgar.render.JobRequest;
import com.trafalgar.render.JobStore;
import com.trafalgar.render.RenderJob;
import com.trafalgar.render.StoreStats;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.testing.MutableClock;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link JobStore} contract (its Javadoc) on every store: the file store of API.md 5.13 and
 * the JDBC store on a real PostgreSQL server (issue 14). Each test opens a store, changes it,
 * and opens a new store over the same data, as a restart does.
 */
class JobStoreContractTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(T0);
  final List<JobStore> opened = new ArrayList<>();

  /** How a test gets stores over one durable location. */
  interface Kind {
    JobStore create(Path dir, Optional<Duration> retention, Clock clock);

    void reset();
  }

  static Stream<Kind> stores() {
    return Stream.of(new Kind() {
      @Override
      public JobStore create(Path dir, Optional<Duration> retention, Clock clock) {
        return new FileJobStore(dir.resolve("jobs.json"), retention, clock);
      }

      @Override
      public void reset() {
        // a fresh @TempDir per test
      }

      @Override
      public String toString() {
        return "file";
      }
    }, new Kind() {
      private DataSource dataSource;

      @Override
      public JobStore create(Path dir, Optional<Duration> retention, Clock clock) {
        return new JdbcJobStore(dataSource, retention, clock, "test");
      }

      @Override
      public void reset() {
        dataSource = ClusterDatabases.fresh();
      }

      @Override
      public String toString() {
        return "jdbc";
      }
    });
  }

  @AfterEach
  void closeAll() {
    opened.forEach(JobStore::close);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void everyAcknowledgedChangeIsBackAfterARestart(Kind kind) throws Exception {
    kind.reset();
    Running a = start(kind, Optional.empty(), List.of());
    RenderJob j1 = job("j1", T0);
    RenderJob j2 = job("j2", T0.plusSeconds(1));
    RenderJob j3 = job("j3", T0.plusSeconds(2));
    await(a.add(j1, j2, j3));
    RenderJob j1Done =
        j1.apply(FarmResult.status("j1", "completed"), T0.plusSeconds(5)).orElseThrow();
    await(a.change(List.of(JobChange.put(j1Done), JobChange.remove("j2")), null));
    a.store.close();

    List<RenderJob> loaded = start(kind, Optional.empty(), List.of()).loaded;
    assertEquals(List.of("j1", "j3"), ids(loaded));
    assertEquals(j1Done.record(), loaded.get(0).record(), "the last put of a job wins");
    assertEquals(j3.record(), loaded.get(1).record());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aCompletedAppendIsDurableWithoutAnOrderlyClose(Kind kind) throws Exception {
    kind.reset();
    Running a = start(kind, Optional.empty(), List.of());
    AtomicBoolean ranFirst = new AtomicBoolean();
    CompletableFuture<Void> durable = a.change(List.of(JobChange.put(job("j1", T0))),
        () -> ranFirst.set(true));
    await(durable);
    assertTrue(ranFirst.get(), "onDurable runs before the future completes");
    // no close(): the process "died" right after the acknowledgement
    assertEquals(List.of("j1"), ids(kind.create(dir, Optional.empty(), clock).load()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void loadIsInCreatedAtOrder(Kind kind) throws Exception {
    kind.reset();
    Running a = start(kind, Optional.empty(), List.of());
    await(a.add(job("late", T0.plusSeconds(10)), job("early", T0), job("mid", T0.plusSeconds(5))));
    a.store.close();
    assertEquals(List.of("early", "mid", "late"),
        ids(start(kind, Optional.empty(), List.of()).loaded));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void jobsTheHistoryLimitEvictedAtLoadAreGone(Kind kind) throws Exception {
    kind.reset();
    Running a = start(kind, Optional.empty(), List.of());
    await(a.add(job("j1", T0), job("j2", T0.plusSeconds(1)), job("j3", T0.plusSeconds(2))));
    a.store.close();
    Running b = start(kind, Optional.empty(), List.of("j1"));
    await(b.change(List.of(), null));
    b.store.close();
    assertEquals(List.of("j2", "j3"), ids(start(kind, Optional.empty(), List.of()).loaded));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void retentionPrunesOldJobsAtLoadAndCountsThem(Kind kind) throws Exception {
    kind.reset();
    Running a = start(kind, Optional.empty(), List.of());
    await(a.add(job("old", T0), job("new", T0.plus(Duration.ofHours(20)))));
    a.store.close();
    clock.advance(Duration.ofHours(30));
    Running b = start(kind, Optional.of(Duration.ofHours(24)), List.of());
    assertEquals(List.of("new"), ids(b.loaded));
    StoreStats stats = b.store.stats();
    assertEquals(1, stats.retainedRecords());
    assertEquals(1, stats.lastPrunedCount());
    assertEquals(1, stats.totalPruned());
    assertNotNull(stats.lastPrunedAt());
    assertEquals(24 * 3600L, stats.retentionSeconds());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void healthFiguresFollowLoadsAndWrites(Kind kind) throws Exception {
    kind.reset();
    Running a = start(kind, Optional.empty(), List.of());
    StoreStats fresh = a.store.stats();
    assertEquals("ok", fresh.state());
    assertNotNull(fresh.lastLoadAt());
    assertNull(fresh.lastWriteError());
    assertNull(fresh.retentionSeconds());
    await(a.add(job("j1", T0), job("j2", T0)));
    StoreStats written = a.store.stats();
    assertEquals(2, written.retainedRecords());
    assertNotNull(written.lastSaveAt());
    assertEquals("ok", written.state());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void appendsAfterCloseFailAtOnce(Kind kind) throws Exception {
    kind.reset();
    Running a = start(kind, Optional.empty(), List.of());
    a.store.close();
    CompletableFuture<Void> refused = a.store.append(List.of(JobChange.put(job("j", T0))), null);
    assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.SECONDS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void manyConcurrentAppendsAllLand(Kind kind) throws Exception {
    kind.reset();
    Running a = start(kind, Optional.empty(), List.of());
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      RenderJob job = job(String.format("j%03d", i), T0.plusMillis(i));
      all.add(a.add(job));
    }
    for (CompletableFuture<Void> f : all) {
      await(f);
    }
    a.store.close();
    assertEquals(300, start(kind, Optional.empty(), List.of()).loaded.size());
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A started store and the history it was opened with. */
  final class Running {
    final JobStore store;
    final List<RenderJob> loaded;
    final List<RenderJob> history = new ArrayList<>();

    Running(JobStore store, List<RenderJob> loaded) {
      this.store = store;
      this.loaded = loaded;
      history.addAll(loaded);
    }

    CompletableFuture<Void> add(RenderJob... jobs) {
      List<JobChange> changes = new ArrayList<>();
      for (RenderJob job : jobs) {
        changes.add(JobChange.put(job));
      }
      return change(changes, null);
    }

    /**
     * Changes the history and hands the changes to the store together, as the service does under
     * the domain lock (a store may rewrite itself from the history).
     */
    synchronized CompletableFuture<Void> change(List<JobChange> changes, Runnable onDurable) {
      for (JobChange change : changes) {
        if (change instanceof JobChange.Put put) {
          history.removeIf(job -> job.jobId().equals(put.job().jobId()));
          history.add(put.job());
        } else {
          history.removeIf(job -> job.jobId().equals(((JobChange.Remove) change).jobId()));
        }
      }
      return store.append(changes, onDurable);
    }
  }

  private Running start(Kind kind, Optional<Duration> retention, List<String> evicted) {
    JobStore store = kind.create(dir, retention, clock);
    opened.add(store);
    List<RenderJob> loaded = store.load();
    Running running = new Running(store, loaded);
    running.history.removeIf(job -> evicted.contains(job.jobId()));
    store.open(evicted, new JobStore.History() {
      @Override
      public List<RenderJob> capture() {
        synchronized (running) {
          return List.copyOf(running.history);
        }
      }

      @Override
      public Collection<RenderJob> view() {
        return capture();
      }

      @Override
      public int size() {
        return capture().size();
      }
    });
    return running;
  }

  private static void await(CompletableFuture<Void> durable) throws Exception {
    durable.get(30, TimeUnit.SECONDS);
  }

  private static List<String> ids(List<RenderJob> jobs) {
    return jobs.stream().map(RenderJob::jobId).toList();
  }

  static RenderJob job(String id, Instant createdAt) {
    JobRequest request = new JobRequest("maya", "/s.ma", "1-10", "/out", "mock",
        BigInteger.valueOf(50), BigInteger.valueOf(5), null);
    return RenderJob.created(id, "mock", "mock", "submitted", null, request, createdAt, 1);
  }
}
