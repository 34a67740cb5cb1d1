package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.events.EventDomain;
import com.trafalgar.events.SnapshotSource;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The job history in memory (API.md 5.12): every job by id and in submission order, the history
 * limit with its counters, and the job events. Each change and its event happen together under the
 * render domain's lock; the changes it makes are handed back as {@link JobChange}s for the caller
 * to persist, so the history knows nothing of how they are stored.
 */
final class JobHistory implements JobStore.History {
  private final EventDomain domain;
  private final Optional<Integer> limit;
  private final Clock clock;
  private final Map<String, RenderJob> byId = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, RenderJob> bySequence = new ConcurrentSkipListMap<>();
  private final AtomicLong nextSequence = new AtomicLong();
  // guarded by the domain lock
  private long prunedTotal;
  private Instant lastPruneAt;
  private int lastPruned;

  /**
   * @param limit the most jobs kept ({@code TRAFALGAR_RENDER_JOBS_HISTORY_LIMIT}); empty: no limit
   */
  JobHistory(EventDomain domain, Optional<Integer> limit, Clock clock) {
    this.domain = domain;
    this.limit = limit;
    this.clock = clock;
  }

  /** The job with this id, or null. */
  RenderJob get(String jobId) {
    return byId.get(jobId);
  }

  /** A live view, newest first: jobs changed while it is walked are seen or not. */
  Collection<RenderJob> newestFirst() {
    return bySequence.descendingMap().values();
  }

  /** A copy, oldest first, without the lock (figures that need no consistent cut). */
  List<RenderJob> jobs() {
    return new ArrayList<>(bySequence.values());
  }

  @Override
  public List<RenderJob> capture() {
    return domain.atomically(() -> new ArrayList<>(bySequence.values()));
  }

  @Override
  public Collection<RenderJob> view() {
    return byId.values();
  }

  @Override
  public int size() {
    return byId.size();
  }

  /** Takes the stored jobs in at startup, in order; returns the ids the limit evicted. */
  List<String> load(List<RenderJob> stored) {
    return domain.atomically(() -> {
      for (RenderJob job : stored) {
        RenderJob sequenced = job.withSequence(nextSequence.incrementAndGet());
        byId.put(sequenced.jobId(), sequenced);
        bySequence.put(sequenced.sequence(), sequenced);
      }
      List<JobChange> changes = new ArrayList<>();
      enforceLimit(changes);
      List<String> evicted = new ArrayList<>(changes.size());
      changes.forEach(change -> evicted.add(((JobChange.Remove) change).jobId()));
      return evicted;
    });
  }

  /** The sequence of the next new job. Call under the domain lock, then {@link #add}. */
  long nextSequence() {
    return nextSequence.incrementAndGet();
  }

  /**
   * Records a new job, publishes {@code job.created} and evicts the oldest jobs beyond the limit
   * (publishing {@code job.removed}). Call under the domain lock.
   *
   * @return the changes made, in order, for the store
   */
  List<JobChange> add(RenderJob job) {
    RenderJob previous = byId.put(job.jobId(), job);
    if (previous != null) {
      bySequence.remove(previous.sequence());
    }
    bySequence.put(job.sequence(), job);
    domain.publish("job.created", () -> payload(job));
    // mutable: pending poller changes are put ahead of these
    List<JobChange> changes = new ArrayList<>();
    changes.add(JobChange.created(job));
    enforceLimit(changes);
    return changes;
  }

  /** Replaces a job with its changed value and publishes {@code job.updated}. Under the lock. */
  void install(RenderJob updated) {
    byId.put(updated.jobId(), updated);
    bySequence.put(updated.sequence(), updated);
    domain.publish("job.updated", () -> payload(updated));
  }

  /**
   * A change another instance stored (clustered mode): an unknown job is recorded and published
   * as {@code job.created}, a known one replaced (keeping its place) and published as {@code
   * job.updated} when its record changed, a removed one dropped with {@code job.removed}. The
   * limit is not applied here: the instance that added the job evicts, and its removals arrive
   * the same way.
   */
  @Override
  public void applyRemote(JobChange change) {
    domain.atomically(() -> {
      if (change instanceof JobChange.Put put) {
        RenderJob current = byId.get(put.job().jobId());
        if (current == null) {
          RenderJob added = put.job().withSequence(nextSequence.incrementAndGet());
          byId.put(added.jobId(), added);
          bySequence.put(added.sequence(), added);
          domain.publish("job.created", () -> payload(added));
        } else {
          // compared as values, not as two freshly built JSON records: every instant is truncated
          // to the microseconds a record keeps, so equal values are equal records
          RenderJob replacement = put.job().withSequence(current.sequence());
          if (!replacement.equals(current)) {
            install(replacement);
          }
        }
      } else {
        RenderJob removed = byId.remove(((JobChange.Remove) change).jobId());
        if (removed != null) {
          bySequence.remove(removed.sequence());
          ObjectNode payload = Json.object();
          payload.putObject("job").put("job_id", removed.jobId());
          domain.publish("job.removed", payload);
        }
      }
    });
  }

  /** Evicts the oldest jobs beyond the limit (5.12), adding their removals to {@code changes}. */
  private void enforceLimit(List<JobChange> changes) {
    if (limit.isEmpty()) {
      return;
    }
    int evicted = 0;
    while (byId.size() > limit.get()) {
      Map.Entry<Long, RenderJob> oldest = bySequence.pollFirstEntry();
      if (oldest == null) {
        break;
      }
      String jobId = oldest.getValue().jobId();
      byId.remove(jobId);
      ObjectNode payload = Json.object();
      payload.putObject("job").put("job_id", jobId);
      domain.publish("job.removed", payload);
      changes.add(JobChange.remove(jobId));
      evicted++;
    }
    if (evicted > 0) {
      prunedTotal += evicted;
      lastPruned = evicted;
      lastPruneAt = Timestamps.truncate(clock.instant());
    }
  }

  private static ObjectNode payload(RenderJob job) {
    ObjectNode payload = Json.object();
    payload.set("job", job.metadata());
    return payload;
  }

  /** Writes the history counters of {@code render_history} (5.11) into {@code node}. */
  void describe(ObjectNode node) {
    domain.atomically(() -> {
      node.put("history_size", byId.size());
      node.put("history_limit", limit.orElse(null));
      node.put("history_pruned_total", prunedTotal);
      node.put("last_history_prune_at", Timestamps.format(lastPruneAt));
      node.put("last_history_pruned", lastPruned);
    });
  }

  /** Jobs by current status and by farm, from memory (no refresh). */
  RenderSummary summary() {
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> byFarm = new TreeMap<>();
    Collection<RenderJob> jobs = jobs();
    for (RenderJob job : jobs) {
      byStatus.merge(job.status(), 1, Integer::sum);
      byFarm.merge(job.farm(), 1, Integer::sum);
    }
    return new RenderSummary(jobs.size(), byStatus, byFarm);
  }

  /**
   * The render domain's snapshot source: {@code refresh} refreshes the active jobs; a capture
   * copies the job references under the domain lock and builds their JSON after it is released,
   * so a stream connect never stalls submissions (issue 12).
   */
  SnapshotSource snapshotSource(Runnable refresh) {
    SerializedJobs serialized = new SerializedJobs();
    return new SnapshotSource() {
      @Override
      public void refresh() {
        refresh.run();
      }

      /** As a tree of documents (tests, tools); streams use {@link #capture()}. */
      @Override
      public ArrayNode items() {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        bySequence.descendingMap().values().forEach(job -> items.add(job.metadata()));
        return items;
      }

      /** Each job's metadata as raw JSON, serialised once per value of the job. */
      @Override
      public Supplier<ArrayNode> capture() {
        List<RenderJob> newestFirst = List.copyOf(bySequence.descendingMap().values());
        return () -> serialized.items(newestFirst);
      }
    };
  }
}
