package com.trafalgar.render;

import com.trafalgar.events.EventDomain;
import com.trafalgar.json.Timestamps;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.RenderFarmRegistry;
import com.trafalgar.render.farm.RenderFarmRegistry.Registration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refreshing jobs from their farms (API.md 5.6): an active job's status is asked of its adapter and
 * a change is recorded, published and persisted under the domain lock. A request's refresh is
 * written at once; the poller's are batched ({@link JobWrites}). A job whose cancellation waits for
 * the disk is left alone, so no older status can be written after it ({@link DurableChanges}).
 */
final class StatusRefresh {
  private final EventDomain domain;
  private final RenderFarmRegistry registry;
  private final FarmCalls calls;
  private final JobHistory history;
  private final JobWrites writes;
  private final DurableChanges durableChanges;
  private final Clock clock;

  StatusRefresh(EventDomain domain, RenderFarmRegistry registry, FarmCalls calls,
      JobHistory history, JobWrites writes, DurableChanges durableChanges, Clock clock) {
    this.domain = domain;
    this.registry = registry;
    this.calls = calls;
    this.history = history;
    this.writes = writes;
    this.durableChanges = durableChanges;
    this.clock = clock;
  }

  /** Refreshes one job from its farm; returns its current value (or the given one if evicted). */
  RenderJob refresh(RenderJob job, boolean fromPoller) {
    if (!job.isActive()) {
      return job;
    }
    Optional<Registration> registration = registry.find(job.farm());
    if (registration.isEmpty()) {
      return job;
    }
    Optional<FarmResult> result = calls.lookup(job, registration.get().adapter());
    if (result.isEmpty()) {
      return job;
    }
    return apply(job.jobId(), result.get(), fromPoller).orElse(job);
  }

  /** Refreshes every active job, newest first. */
  void refreshActive(boolean fromPoller) {
    for (RenderJob job : history.newestFirst()) {
      if (job.isActive()) {
        refresh(job, fromPoller);
      }
    }
  }

  /**
   * Applies a result under the domain lock, publishing and persisting a change. The job may have
   * changed while its farm was asked: a job that became terminal meanwhile (a cancel, another
   * refresh) keeps its status, so an older answer never undoes it. An answer that changes nothing
   * in the job as last recorded takes no lock: most answers are of that kind, and a refresh of
   * every active job (the poller, a stream snapshot) would otherwise take the lock submissions
   * need once per job. Skipping it is safe because the job can only have moved on since then.
   */
  private Optional<RenderJob> apply(String jobId, FarmResult result, boolean fromPoller) {
    RenderJob recorded = history.get(jobId);
    if (recorded == null || !recorded.isActive()
        || recorded.apply(result, Timestamps.truncate(clock.instant())).isEmpty()) {
      return Optional.ofNullable(recorded);
    }
    return Optional.ofNullable(domain.atomically(() -> {
      RenderJob job = history.get(jobId);
      Optional<RenderJob> changed = job == null || !job.isActive()
          || durableChanges.pending(jobId)
          ? Optional.empty() : job.apply(result, Timestamps.truncate(clock.instant()));
      if (changed.isEmpty()) {
        return job;
      }
      RenderJob updated = changed.get();
      history.install(updated);
      if (writes.enabled()) {
        if (fromPoller) {
          writes.pollerChanged(jobId);
        } else {
          List<JobChange> changes = new ArrayList<>();
          changes.add(JobChange.put(updated));
          writes.persist(changes);
        }
      }
      return updated;
    }));
  }
}
