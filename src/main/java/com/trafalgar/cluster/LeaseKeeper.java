package com.trafalgar.cluster;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps claiming one {@link Lease} on its own named thread and tells the singleton work when this
 * instance gains or loses it: the work runs while {@link Listener#gained()} .. {@link
 * Listener#lost()}. It claims three times per time to live, so a missed round or two costs
 * nothing, and reports the loss as soon as the lease may have run out (a database outage stops
 * the work everywhere rather than risk it running twice).
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

  /** What the singleton work does on a change of holder; called on the keeper's thread. */
  public interface Listener {
    void gained();

    void lost();
  }

  private final Lease lease;
  private final Duration ttl;
  private final Listener listener;
  private ScheduledThreadPoolExecutor thread;
  /** Whether the listener was told it holds the lease; keeper thread only. */
  private boolean holding;
  private boolean warned;

  public LeaseKeeper(Lease lease, Duration ttl, Listener listener) {
    this.lease = lease;
    this.ttl = ttl;
    this.listener = listener;
  }

  public synchronized void start() {
    thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "trafalgar-cluster-lease-" + lease.name());
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(50, ttl.toMillis() / 3);
    thread.scheduleWithFixedDelay(this::round, 0, period, TimeUnit.MILLISECONDS);
  }

  /** One claim and, on a change, one call of the listener. */
  void round() {
    try {
      lease.claim();
      warned = false;
    } catch (SQLException e) {
      if (!warned) {
        LOG.log(Level.WARNING, "Could not claim the lease " + lease.name()
            + "; retrying (the work stops if the lease runs out).", e);
        warned = true;
      }
    }
    boolean now = lease.held();
    if (now != holding) {
      holding = now;
      LOG.info(() -> (now ? "This instance now runs " : "This instance no longer runs ")
          + lease.name() + ".");
      try {
        if (now) {
          listener.gained();
        } else {
          listener.lost();
        }
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "The work of lease " + lease.name() + " failed to change state", e);
      }
    }
  }

  /** Stops claiming, stops the work and releases the lease so another instance takes over now. */
  @Override
  public synchronized void close() {
    if (thread == null) {
      return;
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (holding) {
      holding = false;
      listener.lost();
    }
    try {
      lease.release();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not release the lease " + lease.name()
          + "; another instance takes it over when it runs out.", e);
    }
    thread = null;
  }
}
