package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.render.farm.FarmResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link JobStore} contract as the service relies on it, for every implementation: extend it
 * with a {@link #store} that opens a new instance over the same durable data each time (a second
 * instance is a restart). The history is a list kept in step with the appends, as the service
 * keeps its memory.
 */
abstract class JobStoreContractTest {
  static final Instant NOW = Instant.parse("2024-05-12T14:30:45Z");

  final MutableClock clock = new MutableClock(NOW);
  final List<RenderJob> memory = new CopyOnWriteArrayList<>();
  final List<JobStore> opened = new ArrayList<>();
  final JobStore.History history = new JobStore.History() {
    @Override
    public List<RenderJob> capture() {
      return new ArrayList<>(memory);
    }

    @Override
    public Collection<RenderJob> view() {
      return memory;
    }

    @Override
    public int size() {
      return memory.size();
    }
  };

  /** A new instance over this test's durable data. */
  abstract JobStore store(Optional<Duration> retention);

  @AfterEach
  void closeAll() {
    opened.forEach(JobStore::close);
  }

  /** A restart: a new instance loads, the memory becomes what it loaded, and it opens. */
  JobStore restart(Optional<Duration> retention) {
    JobStore store = store(retention);
    opened.add(store);
    memory.clear();
    memory.addAll(store.load());
    store.open(List.of(), history);
    return store;
  }

  JobStore restart() {
    return restart(Optional.empty());
  }

  void put(JobStore store, RenderJob job) throws Exception {
    memory.removeIf(kept -> kept.jobId().equals(job.jobId()));
    memory.add(job);
    store.append(new ArrayList<>(List.of(JobChange.put(job))), null).get(10, TimeUnit.SECONDS);
  }

  void remove(JobStore store, String jobId) throws Exception {
    memory.removeIf(kept -> kept.jobId().equals(jobId));
    store.append(new ArrayList<>(List.of(JobChange.remove(jobId))), null)
        .get(10, TimeUnit.SECONDS);
  }

  static RenderJob job(String id, Instant createdAt) {
    return JobSnapshotFileTest.job(id, createdAt);
  }

  static List<String> ids(List<RenderJob> jobs) {
    return jobs.stream().map(RenderJob::jobId).toList();
  }

  @Test
  void aNewStoreLoadsNothingAndIsOk() {
    JobStore store = restart();
    assertEquals(List.of(), memory);
    assertEquals("ok", store.stats().state());
    assertEquals(NOW, store.stats().lastLoadAt());
  }

  @Test
  void everyDurableChangeIsBackAfterARestart() throws Exception {
    JobStore store = restart();
    RenderJob a = job("a", NOW);
    put(store, a);
    put(store, job("b", NOW.plusSeconds(1)));
    RenderJob done = a.apply(FarmResult.of("a", "completed", null, null), NOW.plusSeconds(2))
        .orElseThrow();
    put(store, done);
    remove(store, "b");
    store.close();
    List<RenderJob> loaded = store(Optional.empty()).load();
    assertEquals(List.of("a"), ids(loaded));
    assertEquals("completed", loaded.get(0).status());
    assertEquals(done.record(), loaded.get(0).record());
  }

  @Test
  void loadReturnsTheOldestCreatedFirst() throws Exception {
    JobStore store = restart();
    put(store, job("late", NOW.plusSeconds(60)));
    put(store, job("early", NOW));
    store.close();
    assertEquals(List.of("early", "late"), ids(store(Optional.empty()).load()));
  }

  @Test
  void onDurableRunsBeforeTheFutureCompletes() throws Exception {
    JobStore store = restart();
    AtomicBoolean ran = new AtomicBoolean();
    memory.add(job("a", NOW));
    CompletableFuture<Void> durable = store.append(
        new ArrayList<>(List.of(JobChange.put(memory.get(0)))), () -> ran.set(true));
    AtomicBoolean ranFirst = new AtomicBoolean();
    durable.thenRun(() -> ranFirst.set(ran.get())).get(10, TimeUnit.SECONDS);
    assertTrue(ranFirst.get());
  }

  @Test
  void anEmptyAppendCompletes() throws Exception {
    restart().append(new ArrayList<>(), null).get(10, TimeUnit.SECONDS);
  }

  @Test
  void appendsAfterCloseFailWithAnIoException() {
    JobStore store = restart();
    store.close();
    CompletableFuture<Void> late = store.append(
        new ArrayList<>(List.of(JobChange.put(job("a", NOW)))), null);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> late.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void jobsEvictedAtLoadAreGoneOnceOpened() throws Exception {
    JobStore first = restart();
    put(first, job("a", NOW));
    put(first, job("b", NOW.plusSeconds(1)));
    first.close();
    JobStore second = store(Optional.empty());
    opened.add(second);
    assertEquals(List.of("a", "b"), ids(second.load()));
    memory.removeIf(kept -> kept.jobId().equals("a"));
    second.open(List.of("a"), history);
    second.close();
    assertEquals(List.of("b"), ids(store(Optional.empty()).load()));
  }

  @Test
  void retentionDropsOldJobsAtLoadAndCountsThem() throws Exception {
    JobStore store = restart();
    put(store, job("old", NOW.minus(Duration.ofDays(10))));
    put(store, job("new", NOW));
    store.close();
    JobStore kept = store(Optional.of(Duration.ofDays(1)));
    opened.add(kept);
    assertEquals(List.of("new"), ids(kept.load()));
    StoreStats stats = kept.stats();
    assertEquals(1, stats.totalPruned());
    assertEquals(1, stats.lastPrunedCount());
    assertEquals(86_400L, stats.retentionSeconds());
  }
}
