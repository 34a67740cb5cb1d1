package com.trafalgar.render;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
 * (the file is then current when the submission is acknowledged), otherwise on a separate thread at most every
 * {@code max(1 s, 20 × last snapshot time)}, after moving the journal aside so appends continue.
 */
final class JobJournal {
  private static final Logger LOG = Logger.getLogger(JobJournal.class.getName());
  /** Histories up to this size are folded inline by the writer thread... */
  private static final int CHEAP_FOLD_JOBS = 1000;
  /** ...as long as a snapshot stays this fast. */
  private static final long CHEAP_FOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final long MIN_ASYNC_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Pending STOP = new Pending(List.of(), new CompletableFuture<>());

  private record Pending(List<byte[]> lines, CompletableFuture<Void> done) {}

  /** Runs just before a batch is appended: the seam through which tests make a write fail. */
  interface WriteHook {
    void beforeWrite(List<byte[]> lines) throws IOException;
  }

  private final JobStore store;
  private final Supplier<List<RenderJob>> capture;
  private final Supplier<Collection<RenderJob>> view;
  private final IntSupplier size;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ExecutorService folder;
  private final Thread writer;
  private volatile boolean closed;
  private FileChannel channel;
  private boolean tornTail;
  private long entriesSinceFold;
  private volatile long lastFoldDuration;
  private volatile long lastFoldEnd = System.nanoTime();
  private Future<?> fold;
  private volatile WriteHook hook = lines -> { };

  /**
   * @param store the store file
   * @param capture every job in memory, taken under the render domain's lock (so no change is
   *     half-recorded)
   * @param view the jobs in memory without copying (for the retained-records figure)
   * @param size the number of jobs in memory
   */
  JobJournal(JobStore store, Supplier<List<RenderJob>> capture,
      Supplier<Collection<RenderJob>> view, IntSupplier size) {
    this.store = store;
    this.capture = capture;
    this.view = view;
    this.size = size;
    this.folder = Executors.newSingleThreadExecutor(r -> daemon(r, "trafalgar-render-snapshot"));
    this.writer = daemon(this::run, "trafalgar-render-journal");
  }

  void start() {
    writer.start();
  }

  /** Replaces the write hook (tests only). */
  void beforeWrite(WriteHook hook) {
    this.hook = hook;
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Enqueues lines; call in change order. The future completes once they are on disk. */
  CompletableFuture<Void> append(List<byte[]> lines) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IOException("The job store is shut down."));
      return done;
    }
    queue.add(new Pending(lines, done));
    return done;
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
    boolean stopping = false;
    while (!stopping) {
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
      IOException failure = write(batch);
      if (failure == null && (stopping || foldDue())) {
        foldNow(stopping);
      }
      for (Pending pending : batch) {
        if (failure == null) {
          pending.done().complete(null);
        } else {
          pending.done().completeExceptionally(failure);
        }
      }
      batch.clear();
    }
    awaitFold();
    closeChannel();
  }

  private IOException write(List<Pending> batch) {
    if (batch.isEmpty()) {
      return null;
    }
    List<byte[]> lines = new ArrayList<>();
    if (tornTail) {
      lines.add("\n".getBytes(StandardCharsets.UTF_8));
    }
    batch.forEach(pending -> lines.addAll(pending.lines()));
    long before = -1;
    try {
      if (channel == null) {
        channel = store.openJournal();
      }
      before = channel.size();
      hook.beforeWrite(lines);
      JobStore.append(channel, lines);
      tornTail = false;
      entriesSinceFold += lines.size();
      store.committed(view.get());
      return null;
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Could not write the render job store journal "
          + store.journal(), e);
      undo(before);
      return e;
    }
  }

  /** Best effort: cut a half-written batch off, or mark the tail so the next batch starts clean. */
  private void undo(long size) {
    tornTail = true;
    if (channel != null && size >= 0) {
      try {
        channel.truncate(size);
        tornTail = false;
      } catch (IOException e) {
        closeChannel();
      }
    } else {
      closeChannel();
    }
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
    } catch (IOException | RuntimeException e) {
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
      }
      channel = null;
    }
  }
}
