package com.trafalgar.render;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes job changes durable with group commit: callers enqueue journal lines (in change order,
 * under the render domain's lock) and wait for their future; one writer thread appends everything
 * queued so far and fsyncs once, so concurrent submissions share an fsync. The writer folds the
 * journal into the snapshot file: synchronously while the history is small and a snapshot cheap
 * (the file is then current when the submission is acknowledged), otherwise on a separate thread
 * at most every {@code max(1 s, 20 × last snapshot time)}, after moving the journal aside so
 * appends continue.
 *
 * <p>A batch that fails for any reason, {@link Error}s included, is cut off the journal and failed
 * to its waiters; the thread goes on with the next batch. Should the thread end anyway, the store
 * is reported down and every later append fails at once instead of waiting for a dead writer.
 */
final class JobJournal {
  private static final Logger LOG = Logger.getLogger(JobJournal.class.getName());
  /** Histories up to this size are folded inline by the writer thread... */
  private static final int CHEAP_FOLD_JOBS = 1000;
  /** ...as long as a snapshot stays this fast. */
  private static final long CHEAP_FOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final long MIN_ASYNC_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Pending STOP = new Pending(List.of(), new CompletableFuture<>(), null);

  /**
   * Lines to append, the future their waiter holds, and what to run once they are durable (before
   * the batch is folded into the snapshot, so the snapshot sees it; may be null).
   */
  private record Pending(List<byte[]> lines, CompletableFuture<Void> done, Runnable onDurable) {}

  /** Runs just before a batch is appended: the seam through which tests make a write fail. */
  interface WriteHook {
    void beforeWrite(List<byte[]> lines) throws IOException;
  }

  private final JobSnapshotFile store;
  private final Supplier<List<RenderJob>> capture;
  private final Supplier<Collection<RenderJob>> view;
  private final IntSupplier size;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ExecutorService folder;
  private final Thread writer;
  private volatile boolean closed;
  /** Why the writer thread ended unexpectedly; null while it serves. */
  private volatile Throwable death;
  private FileChannel channel;
  private long entriesSinceFold;
  private volatile long lastFoldDuration;
  private volatile long lastFoldEnd = System.nanoTime();
  private Future<?> fold;
  private volatile WriteHook hook = lines -> { };

  /**
   * @param store the snapshot file and the journal's paths
   * @param capture every job in memory, taken under the render domain's lock (so no change is
   *     half-recorded)
   * @param view the jobs in memory without copying (for the retained-records figure)
   * @param size the number of jobs in memory
   */
  JobJournal(JobSnapshotFile store, Supplier<List<RenderJob>> capture,
      Supplier<Collection<RenderJob>> view, IntSupplier size) {
    this.store = store;
    this.capture = capture;
    this.view = view;
    this.size = size;
    this.folder = Executors.newSingleThreadExecutor(
        r -> RenderThreads.daemon(r, "trafalgar-render-snapshot"));
    this.writer = RenderThreads.daemon(this::run, "trafalgar-render-journal");
  }

  void start() {
    writer.start();
  }

  /** Replaces the write hook (tests only). */
  void beforeWrite(WriteHook hook) {
    this.hook = hook;
  }

  /** Enqueues lines; call in change order. The future completes once they are on disk. */
  CompletableFuture<Void> append(List<byte[]> lines) {
    return append(lines, null);
  }

  /**
   * Enqueues lines and a change to make in memory once they are durable: {@code onDurable} runs on
   * the writer thread after the fsync and before the snapshot is taken, and never when the write
   * fails. If it throws, the future fails.
   */
  CompletableFuture<Void> append(List<byte[]> lines, Runnable onDurable) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IOException("The job store is shut down."));
      return done;
    }
    if (death != null) {
      done.completeExceptionally(unavailable(death));
      return done;
    }
    queue.add(new Pending(lines, done, onDurable));
    if (death != null) {
      // the writer died after the check above and may have drained the queue already
      failQueued(death);
    }
    return done;
  }

  /** Whether the writer thread ended without being closed. */
  boolean dead() {
    return death != null;
  }

  private static IOException unavailable(Throwable cause) {
    return new IOException("The job store is unavailable: its writer stopped after "
        + cause.getClass().getName(), cause);
  }

  /** Flushes what is queued, folds the journal into the snapshot and stops the threads. */
  void close(long timeoutMillis) {
    closed = true;
    queue.add(STOP);
    try {
      writer.join(timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    folder.shutdownNow();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    try {
      boolean stopping = false;
      while (!stopping) {
        stopping = take(batch);
        serve(batch, stopping);
        batch.clear();
      }
      awaitFold();
      closeChannel();
    } catch (Throwable e) {
      died(e, batch);
    }
  }

  /** Waits for the next batch; true when it is the last one (closing or interrupted). */
  private boolean take(List<Pending> batch) {
    boolean stopping = false;
    try {
      Pending first = queue.poll(250, TimeUnit.MILLISECONDS);
      if (first != null) {
        batch.add(first);
        queue.drainTo(batch, 4096);
      }
    } catch (InterruptedException e) {
      stopping = true;
    }
    if (batch.remove(STOP)) {
      stopping = true;
      queue.drainTo(batch);
      batch.remove(STOP);
    }
    return stopping;
  }

  /** Writes one batch, applies its durable changes, folds if due, then answers its waiters. */
  private void serve(List<Pending> batch, boolean stopping) {
    Throwable failure = write(batch);
    if (failure == null) {
      for (Pending pending : batch) {
        runOnDurable(pending);
      }
      if (stopping || foldDue()) {
        foldNow(stopping);
      }
    }
    for (Pending pending : batch) {
      if (failure == null) {
        pending.done().complete(null);
      } else {
        pending.done().completeExceptionally(failure instanceof IOException io ? io
            : new IOException("The job store write failed: " + failure.getClass().getName(),
                failure));
      }
    }
  }

  private void runOnDurable(Pending pending) {
    if (pending.onDurable() == null) {
      return;
    }
    try {
      pending.onDurable().run();
    } catch (Throwable e) {
      LOG.log(Level.SEVERE, "Could not apply a journaled change in memory", e);
      pending.done().completeExceptionally(new IOException("The change was journaled but could"
          + " not be applied: " + e.getClass().getName(), e));
    }
  }

  /**
   * The last resort when the thread ends unexpectedly (the handling of a failed batch failed
   * too): report the store down and fail every waiter, now and later, before trying to log.
   */
  private void died(Throwable e, List<Pending> batch) {
    death = e;
    store.writerDied(e);
    for (Pending pending : batch) {
      pending.done().completeExceptionally(unavailable(e));
    }
    failQueued(e);
    try {
      closeChannel();
      LOG.log(Level.SEVERE, "The render job store writer stopped; the store is down and every"
          + " change answers 503 until the service restarts", e);
    } catch (Throwable ignored) {
      // nothing more can be done here: readiness and /render/health already say the store is down
    }
  }

  private void failQueued(Throwable cause) {
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    for (Pending pending : left) {
      pending.done().completeExceptionally(unavailable(cause));
    }
  }

  private Throwable write(List<Pending> batch) {
    if (batch.isEmpty()) {
      return null;
    }
    List<byte[]> lines = new ArrayList<>();
    batch.forEach(pending -> lines.addAll(pending.lines()));
    long before = -1;
    try {
      if (channel == null) {
        channel = store.openJournal();
      }
      before = channel.size();
      hook.beforeWrite(lines);
      JournalFile.append(channel, lines);
    } catch (Throwable e) {
      store.writeFailed(e);
      LOG.log(Level.SEVERE, "Could not write the render job store journal "
          + store.journal(), e);
      undo(before);
      return e;
    }
    entriesSinceFold += lines.size();
    store.committed(view.get());
    return null;
  }

  /**
   * Best effort: cut a half-written batch off. When that fails the channel is dropped; reopening
   * the journal then cuts any torn tail off (keeping its bytes aside, see {@link JournalFile}).
   */
  private void undo(long size) {
    if (channel != null && size >= 0) {
      try {
        channel.truncate(size);
        channel.force(false);
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "Cutting the failed batch off the journal failed", e);
      }
    }
    closeChannel();
  }

  private boolean foldDue() {
    if (entriesSinceFold == 0 && !Files.exists(store.oldJournal())) {
      return false;
    }
    if (fold != null && !fold.isDone()) {
      return false;
    }
    if (cheap()) {
      return true;
    }
    long gap = Math.max(MIN_ASYNC_GAP_NANOS, 20 * lastFoldDuration);
    return System.nanoTime() - lastFoldEnd >= gap;
  }

  /** Writes the snapshot; inline when cheap or {@code last}, else on the snapshot thread. */
  private void foldNow(boolean last) {
    if (last) {
      awaitFold();
    }
    try {
      if (last || cheap()) {
        List<RenderJob> jobs = capture.get();
        long start = System.nanoTime();
        store.save(jobs);
        // the snapshot now holds every journaled change: remove the journal so that, as API.md
        // 5.13.3 says, only the store file exists after a write; the next append recreates it
        closeChannel();
        store.deleteJournals();
        entriesSinceFold = 0;
        finished(start);
        return;
      }
      if (!Files.exists(store.oldJournal())) {
        closeChannel();
        store.rotateJournal();
        channel = store.openJournal();
      }
      List<RenderJob> jobs = capture.get();
      entriesSinceFold = 0;
      fold = folder.submit(() -> {
        long start = System.nanoTime();
        try {
          store.save(jobs);
          store.deleteOldJournal();
        } catch (IOException e) {
          LOG.log(Level.SEVERE, "Could not write the render job store " + store.file()
              + "; the journal keeps every change", e);
        } finally {
          finished(start);
        }
      });
    } catch (Throwable e) {
      // the batch itself is durable in the journal: its waiters are still answered with success
      LOG.log(Level.SEVERE, "Could not write the render job store " + store.file()
          + "; the journal keeps every change", e);
      lastFoldEnd = System.nanoTime();
    }
  }

  private boolean cheap() {
    return size.getAsInt() <= CHEAP_FOLD_JOBS && lastFoldDuration < CHEAP_FOLD_NANOS;
  }

  private void finished(long start) {
    long end = System.nanoTime();
    lastFoldDuration = end - start;
    lastFoldEnd = end;
  }

  private void awaitFold() {
    if (fold == null) {
      return;
    }
    try {
      fold.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "Snapshot write did not finish", e);
    }
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "Closing the journal failed", e);
      } finally {
        channel = null;
      }
    }
  }
}
