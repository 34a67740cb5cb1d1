package com.trafalgar.render;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Durable storage of the render job history (API.md 5.13): the one seam between the in-memory
 * history ({@link JobHistory}) and whatever keeps it across restarts. {@link FileJobStore} keeps
 * the job store file of 5.13 and its journal; another implementation (a database) must honour the
 * same contract, because the service's answers depend on it: a {@code 201} or a cancellation is
 * acknowledged only once its change is durable, and after a restart every acknowledged change is
 * back.
 *
 * <p>Lifecycle, driven by {@code RenderService} only: {@link #load()} once, then {@link #open}
 * once, then any number of {@link #append} calls (from any thread), {@link #stats()} at any time,
 * and {@link #close()} once at shutdown.
 */
public interface JobStore {
  /**
   * Reads the durable history, once, at startup, before any other call. Records that break the
   * record rules of 5.13.2 are skipped (logged), never fatal; an unreadable store loads as empty
   * after keeping its data aside for the operator. Never throws.
   *
   * @return every stored job whose {@code created_at} is inside the retention window (5.13.4; the
   *     pruned ones are counted in {@link #stats()}), oldest {@code created_at} first, jobs with
   *     equal {@code created_at} in the order they were last put; each job as its last {@link
   *     JobChange.Put} recorded it. Sequence numbers are ignored: the history numbers the jobs in
   *     list order.
   */
  List<RenderJob> load();

  /**
   * Starts accepting changes, once, after {@link #load()} and after the history applied its limit
   * (5.12) to what was loaded. From here the store must end up holding exactly the history: the
   * jobs the history evicted at load are deleted (or compacted away) before this returns or by the
   * first durable append. A failure is logged and does not stop the service; it shows in {@link
   * #stats()}.
   *
   * @param evictedAtLoad ids of loaded jobs the history limit dropped (in eviction order)
   * @param history the live history, for a store that rewrites or compacts from memory
   */
  void open(List<String> evictedAtLoad, History history);

  /**
   * Queues changes to be made durable and returns at once: it is called under the render domain's
   * lock, so it must not wait for I/O. Changes are made durable in call order, and within a call in
   * list order (a later load must see the last put of a job, and no job after its remove). The list
   * may be empty (the future then completes after earlier changes are durable).
   *
   * <p><b>Durable</b> means a crash of the process or of the machine right after the future
   * completes cannot lose the changes: the file store has written and fsync'd them; a database has
   * committed them. A failed write must leave nothing of its changes for a later load (cut off,
   * rolled back), so what was refused is never resurrected.
   *
   * @param onDurable may be null; otherwise run once, after the changes are durable and before the
   *     future completes (and before any compaction reads the history), never when the write
   *     failed; if it throws, the future fails
   * @return completes normally once every change is durable; completes exceptionally with an
   *     {@link java.io.IOException} when they are not (the write failed, the store is closed or its
   *     writer is down), never later than at once when the store already knows it cannot write
   */
  CompletableFuture<Void> append(List<JobChange> changes, Runnable onDurable);

  /**
   * The figures of the {@code store} object of {@code /render/health} (API.md 5.11) and the
   * readiness state, cheap and non-blocking (called by health checks at any time). Timestamps are
   * {@code null} until the event happened. No field may carry an absolute path or an exception
   * class name.
   *
   * <ul>
   *   <li>{@code retainedRecords}: jobs the store holds, within the retention window, as of the
   *       last load, save or durable append;
   *   <li>{@code lastPrunedCount}, {@code totalPruned}, {@code lastPrunedAt}: jobs dropped by the
   *       retention window (the last pass that dropped any, the total since start, and when);
   *   <li>{@code lastLoadAt}: when {@link #load()} ran;
   *   <li>{@code lastSaveAt}: when changes last became durable (an append or a full write);
   *   <li>{@code lastRotationAt}, {@code lastRotationError}: the last successful rotation of the
   *       previous store contents to their backup (5.13.3) and the reason the last one failed
   *       ({@code null} after a success); a store without rotation leaves both {@code null};
   *   <li>{@code retentionSeconds}: the retention window, {@code null} when everything is kept;
   *   <li>{@code state}: {@code ok}; {@code failing} when the last write failed (the next append
   *       tries again); {@code down} when the store cannot write any more until a restart (every
   *       append then fails at once, and readiness is DOWN);
   *   <li>{@code lastWriteError}: what the last failed write could not do, path-free; {@code null}
   *       after a successful write.
   * </ul>
   */
  StoreStats stats();

  /**
   * Makes every queued change durable (waiting a bounded time), leaves the store in the state a
   * later {@link #load()} reads fastest (the file store folds its journal into the snapshot), and
   * releases threads and connections. Later appends fail at once.
   */
  void close();

  /**
   * Whether this store also carries the job events to the stream subscribers (clustered mode: they
   * are logged with the changes and delivered once committed, docs/cluster.md). The poller's
   * changes are then handed over at once instead of once per persist interval, or their events
   * would wait for the throttle.
   */
  default boolean carriesEvents() {
    return false;
  }

  /** The in-memory history as a store may read it; implemented by {@link JobHistory}. */
  interface History {
    /** Every job, copied under the render domain's lock, so no change is half-recorded. */
    List<RenderJob> capture();

    /** The jobs without copying (they may change while read): for counts only. */
    Collection<RenderJob> view();

    /** How many jobs the history holds. */
    int size();

    /**
     * Takes in a change another instance already stored (clustered mode, docs/cluster.md): the
     * history changes and publishes as if the change were its own, and hands nothing back to the
     * store. May be called from any thread after {@link #open}.
     */
    default void applyRemote(JobChange change) {
    }
  }
}
