package com.trafalgar.render;

import com.trafalgar.events.EventDomain;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The history's writes to the {@link JobStore}: changes are handed over in change order under the
 * render domain's lock, and the poller's changes are batched, written at most once per persist
 * interval (API.md 5.6) or with the next write of any kind, so a busy poller does not write for
 * every status it sees.
 */
final class JobWrites {
  private final Optional<JobStore> store;
  private final EventDomain domain;
  private final Function<String, RenderJob> lookup;
  /** The least time between two poller writes; 0: no throttle. */
  private final long persistGapNanos;
  /** Jobs the poller changed since the last write, in change order. */
  private final Set<String> pendingPollerWrites = new LinkedHashSet<>();
  private long lastPollerWrite;

  /**
   * @param lookup the current job in memory by id
   * @param persistIntervalSeconds {@code TRAFALGAR_RENDER_STORE_PERSIST_INTERVAL}; ≤ 0: no throttle
   */
  JobWrites(Optional<JobStore> store, EventDomain domain, Function<String, RenderJob> lookup,
      double persistIntervalSeconds) {
    this.store = store;
    this.domain = domain;
    this.lookup = lookup;
    this.persistGapNanos = Math.max(0, (long) (persistIntervalSeconds * 1e9));
  }

  /** Whether there is a store to write to. */
  boolean enabled() {
    return store.isPresent();
  }

  /**
   * Hands changes (with any pending poller changes ahead of them) to the store; null when the
   * store is off. Call under the domain lock so changes reach the store in change order.
   *
   * @param changes mutable: the pending poller changes are added to it
   */
  CompletableFuture<Void> persist(List<JobChange> changes) {
    return persist(changes, null);
  }

  /** As {@link #persist(List)}, running {@code onDurable} once the changes are durable. */
  CompletableFuture<Void> persist(List<JobChange> changes, Runnable onDurable) {
    if (store.isEmpty()) {
      return null;
    }
    synchronized (pendingPollerWrites) {
      for (String id : pendingPollerWrites) {
        RenderJob pending = lookup.apply(id);
        if (pending != null) {
          changes.add(0, JobChange.put(pending));
        }
      }
      pendingPollerWrites.clear();
    }
    return store.get().append(changes, onDurable);
  }

  /**
   * Notes a change the poller made, to be written with the next write; written at once when the
   * store carries the job events (their subscribers must not wait for the throttle). Call under
   * the domain lock.
   */
  void pollerChanged(String jobId) {
    if (store.isPresent() && store.get().carriesEvents()) {
      RenderJob changed = lookup.apply(jobId);
      if (changed != null) {
        persist(new ArrayList<>(List.of(JobChange.put(changed))));
      }
      return;
    }
    synchronized (pendingPollerWrites) {
      pendingPollerWrites.add(jobId);
    }
  }

  /** Writes the poller's changes at most once per persist interval; {@code force} at shutdown. */
  void flushPollerWrites(boolean force) {
    long nowNanos = System.nanoTime();
    synchronized (pendingPollerWrites) {
      if (pendingPollerWrites.isEmpty()
          || (!force && persistGapNanos > 0 && nowNanos - lastPollerWrite < persistGapNanos)) {
        return;
      }
      lastPollerWrite = nowNanos;
    }
    domain.atomically(() -> persist(new ArrayList<>()));
  }
}
