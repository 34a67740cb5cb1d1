package com.trafalgar.ingest;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background watcher of API.md 6.6: one named daemon thread that reads the registry every
 * interval, so change events flow even when no client calls the ingest routes.
 */
final class RegistryWatcher implements AutoCloseable {
  static final String THREAD_NAME = "trafalgar-ingest-watcher";
  private static final Logger LOG = Logger.getLogger(RegistryWatcher.class.getName());

  private final ScheduledExecutorService executor;
  private final AtomicReference<Thread> thread = new AtomicReference<>();
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  /** Polls every {@code interval}, measured from the end of the previous poll. */
  RegistryWatcher(Runnable poll, Duration interval) {
    executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread worker = new Thread(task, THREAD_NAME);
      worker.setDaemon(true);
      thread.set(worker);
      return worker;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        poll.run();
        failureLogged.set(false);
      } catch (RuntimeException e) {
        // a failing poll must not end the schedule; log once until a poll succeeds again
        if (failureLogged.compareAndSet(false, true)) {
          LOG.log(Level.WARNING, "Ingest registry watcher poll failed.", e);
        }
      }
    }, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops the schedule and waits for the thread to end (an undeployed application leaves no
   * thread behind); a poll in progress may finish (briefly) before it is interrupted.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
      Thread worker = thread.get();
      if (worker != null) {
        worker.join(TimeUnit.SECONDS.toMillis(2));
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
