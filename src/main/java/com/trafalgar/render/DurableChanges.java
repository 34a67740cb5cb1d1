package com.trafalgar.render;

import com.trafalgar.events.EventDomain;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Job changes that must be durable before anyone sees them (a cancellation, API.md 5.9). The
 * change is queued to the {@link JobStore} under the domain lock; the store's writer installs it
 * in memory and publishes it right after it is durable (for the file store: after the fsync,
 * before any snapshot is taken), so memory never holds a change the store lacks and a snapshot
 * never drops a journaled one. When the write fails nothing changes. While a change is pending
 * its job is not refreshed, so no status change can overtake it in the store.
 */
final class DurableChanges {
  /** Queues changes and a change to run once they are durable; null when the store is off. */
  interface Persist {
    CompletableFuture<Void> append(List<JobChange> changes, Runnable onDurable);
  }

  private final EventDomain domain;
  private final Function<String, RenderJob> lookup;
  private final Consumer<RenderJob> install;
  private final Persist persist;
  private final Duration timeout;
  /** Jobs whose change waits for the store; guarded by the domain lock. */
  private final Set<String> pending = new HashSet<>();
  /** One change at a time: a second cancel of a job sees the first one's outcome. */
  private final Object oneAtATime = new Object();

  /**
   * @param lookup a job in memory by id
   * @param install replaces a job in memory and publishes {@code job.updated} (under the lock)
   * @param persist queues changes under the domain lock, in change order
   * @param timeout how long a caller waits for the store
   */
  DurableChanges(EventDomain domain, Function<String, RenderJob> lookup,
      Consumer<RenderJob> install, Persist persist, Duration timeout) {
    this.domain = domain;
    this.lookup = lookup;
    this.install = install;
    this.persist = persist;
    this.timeout = timeout;
  }

  /** Whether a change of {@code jobId} is waiting for the store. Call under the domain lock. */
  boolean pending(String jobId) {
    return pending.contains(jobId);
  }

  private record Staged(RenderJob job, CompletableFuture<Void> durable) {}

  /**
   * Applies {@code change} to the job once it is durable.
   *
   * @return the changed job, or the current one (null when unknown) when nothing changed
   * @throws IOException when the change could not be made durable in time: memory is unchanged
   *     (should the write still complete after the timeout, the change is installed then, so
   *     memory and store agree)
   */
  RenderJob apply(String jobId, Function<RenderJob, Optional<RenderJob>> change)
      throws IOException {
    synchronized (oneAtATime) {
      Staged staged = domain.atomically(() -> stage(jobId, change));
      if (staged.durable() == null) {
        return staged.job();
      }
      try {
        staged.durable().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return staged.job();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for the job store.", e);
      } catch (ExecutionException e) {
        throw new IOException("The job store write failed.", e.getCause());
      } catch (TimeoutException e) {
        throw new IOException("The job store did not answer within " + timeout.getSeconds()
            + " seconds.", e);
      }
    }
  }

  private Staged stage(String jobId, Function<RenderJob, Optional<RenderJob>> change) {
    RenderJob job = lookup.apply(jobId);
    if (pending.contains(jobId)) {
      // an earlier change timed out waiting for the store and its write is still queued
      return new Staged(job, CompletableFuture.failedFuture(
          new IOException("An earlier change of the job is still being written.")));
    }
    Optional<RenderJob> changed = job == null ? Optional.empty() : change.apply(job);
    if (changed.isEmpty()) {
      return new Staged(job, null);
    }
    RenderJob updated = changed.get();
    pending.add(jobId);
    // mutable: pending poller changes are put ahead of this one
    List<JobChange> changes = new ArrayList<>();
    changes.add(JobChange.put(updated));
    CompletableFuture<Void> durable = persist.append(changes, () -> domain.atomically(() -> {
      pending.remove(jobId);
      if (lookup.apply(jobId) == job) {
        install.accept(updated);
      }
    }));
    if (durable == null) {
      pending.remove(jobId);
      install.accept(updated);
      return new Staged(updated, null);
    }
    durable.whenComplete((ok, failed) -> {
      if (failed != null) {
        domain.atomically(() -> pending.remove(jobId));
      }
    });
    return new Staged(updated, durable);
  }
}
