package com.trafalgar.render;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background status poller (API.md 5.6): one {@code trafalgar-render-poller} thread running
 * {@code poll} with a fixed delay of {@code TRAFALGAR_RENDER_STATUS_POLL_INTERVAL}; off when the
 * interval is ≤ 0. A failed poll is logged and the next one runs as planned.
 */
final class StatusPoller {
  private static final Logger LOG = Logger.getLogger(StatusPoller.class.getName());

  private final double intervalSeconds;
  private final Runnable poll;
  private ScheduledThreadPoolExecutor scheduler;

  StatusPoller(double intervalSeconds, Runnable poll) {
    this.intervalSeconds = intervalSeconds;
    this.poll = poll;
  }

  void start() {
    if (intervalSeconds <= 0) {
      return;
    }
    scheduler = new ScheduledThreadPoolExecutor(1,
        r -> RenderThreads.daemon(r, "trafalgar-render-poller"));
    long period = Math.max(1, (long) (intervalSeconds * 1000));
    scheduler.scheduleWithFixedDelay(this::run, period, period, TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      poll.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Render status poll failed", e);
    }
  }

  /** Stops the thread, waiting up to 10 s for a poll in progress. */
  void stop() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
