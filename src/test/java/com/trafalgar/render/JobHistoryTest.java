package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.events.DomainEvent;
import com.trafalgar.events.EventDomain;
import com.trafalgar.json.Json;
import com.trafalgar.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The in-memory history and its writes, without farms or files. */
class JobHistoryTest {
  static final Instant NOW = Instant.parse("2024-05-12T14:30:45Z");

  final MutableClock clock = new MutableClock(NOW);
  final EventDomain domain = new EventDomain("render", 64, 1, "jobs.snapshot", "jobs");
  final List<String> events = new ArrayList<>();

  JobHistory history(Integer limit) {
    domain.subscribe(event -> events.add(name(event)));
    return new JobHistory(domain, Optional.ofNullable(limit), clock);
  }

  static String name(DomainEvent event) {
    return event.name() + " " + event.payload().get("job").get("job_id").asText();
  }

  RenderJob add(JobHistory history, String id, List<List<JobChange>> changes) {
    return domain.atomically(() -> {
      RenderJob job = JobSnapshotFileTest.job(id, NOW).withSequence(history.nextSequence());
      changes.add(history.add(job));
      return job;
    });
  }

  @Test
  void theLimitEvictsTheOldestAndHandsBackTheirRemovals() {
    JobHistory history = history(2);
    List<List<JobChange>> changes = new ArrayList<>();
    RenderJob a = add(history, "a", changes);
    RenderJob b = add(history, "b", changes);
    RenderJob c = add(history, "c", changes);
    assertEquals(List.of(List.of(JobChange.created(a)), List.of(JobChange.created(b)),
        List.of(JobChange.created(c), JobChange.remove("a"))), changes);
    assertEquals(List.of("job.created a", "job.created b", "job.created c", "job.removed a"),
        events);
    assertNull(history.get("a"));
    assertEquals(List.of(b, c), history.jobs());
    ObjectNode counters = Json.object();
    history.describe(counters);
    assertEquals("{\"history_size\":2,\"history_limit\":2,\"history_pruned_total\":1,"
        + "\"last_history_prune_at\":\"2024-05-12T14:30:45+00:00\",\"last_history_pruned\":1}",
        counters.toString());
  }

  @Test
  void loadNumbersTheStoredJobsAndReportsTheEvictedIds() {
    JobHistory history = history(1);
    List<String> evicted = history.load(List.of(JobSnapshotFileTest.job("a", NOW),
        JobSnapshotFileTest.job("b", NOW.plusSeconds(1))));
    assertEquals(List.of("a"), evicted);
    assertEquals(2, history.get("b").sequence());
    assertEquals(3, history.nextSequence());
  }

  @Test
  void aStoreThatCarriesTheEventsGetsThePollersChangesAtOnce() {
    JobHistory history = history(null);
    List<List<JobChange>> appended = new ArrayList<>();
    JobStore store = new RecordingStore(appended, true);
    JobWrites writes = new JobWrites(Optional.of(store), domain, history::get, 60);
    RenderJob a = add(history, "a", new ArrayList<>());
    domain.atomically(() -> writes.pollerChanged("a"));
    domain.atomically(() -> writes.pollerChanged("a"));
    writes.flushPollerWrites(true);
    assertEquals(List.of(List.of(JobChange.put(a)), List.of(JobChange.put(a))), appended);
  }

  @Test
  void pollerChangesGoAheadOfTheNextWriteAndAreWrittenOnce() {
    JobHistory history = history(null);
    List<List<JobChange>> appended = new ArrayList<>();
    JobStore store = new RecordingStore(appended, false);
    JobWrites writes = new JobWrites(Optional.of(store), domain, history::get, 60);
    RenderJob a = add(history, "a", new ArrayList<>());
    writes.pollerChanged("a");
    writes.flushPollerWrites(false);
    // throttled: the first flush writes, a second within the interval waits
    writes.pollerChanged("a");
    writes.flushPollerWrites(false);
    RenderJob b = add(history, "b", new ArrayList<>());
    domain.atomically(() -> writes.persist(new ArrayList<>(List.of(JobChange.put(b)))));
    writes.flushPollerWrites(true);
    assertEquals(List.of(List.of(JobChange.put(a)), List.of(JobChange.put(a), JobChange.put(b))),
        appended);
  }

  /** A store that records each append and makes it durable at once. */
  private static final class RecordingStore implements JobStore {
    private final List<List<JobChange>> appended;
    private final boolean carriesEvents;

    RecordingStore(List<List<JobChange>> appended, boolean carriesEvents) {
      this.appended = appended;
      this.carriesEvents = carriesEvents;
    }

    @Override
    public List<RenderJob> load() {
      return List.of();
    }

    @Override
    public void open(List<String> evictedAtLoad, History history) {}

    @Override
    public CompletableFuture<Void> append(List<JobChange> changes, Runnable onDurable) {
      appended.add(List.copyOf(changes));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public StoreStats stats() {
      return null;
    }

    @Override
    public void close() {}

    @Override
    public boolean carriesEvents() {
      return carriesEvents;
    }
  }
}
