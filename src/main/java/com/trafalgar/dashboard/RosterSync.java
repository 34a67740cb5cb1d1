package com.trafalgar.dashboard;

import com.trafalgar.config.DashboardSettings;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.ProductionSource;
import com.trafalgar.source.SourceException;
import com.trafalgar.source.SourceMode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live dashboard's project roster (API.md 9.5) and its synchronisation with ShotGrid: the
 * roster file is loaded by {@link #start()}; in shotgrid mode one sync starts then and runs every
 * sync interval after it, on one daemon thread named {@code trafalgar-dashboard-sync-1}, stopped
 * with the application. The application does not wait for the startup sync: the first read of the
 * roster does, for at most the ShotGrid request timeout from the start. Requests read the roster
 * from memory only and never call ShotGrid to discover projects.
 */
@ApplicationScoped
public class RosterSync {
  private static final Logger LOG = Logger.getLogger(RosterSync.class.getName());

  private final DashboardSettings settings;
  private final DataSources sources;
  private final Clock clock;
  private final ProjectRoster roster;
  private volatile Instant nextSyncAt;
  private volatile ScheduledExecutorService executor;
  private boolean started;
  /** The startup sync until a read has seen it finish (or its time is up); then {@code null}. */
  private volatile Future<?> startupSync;
  /** {@link System#nanoTime()} when reads stop waiting for the startup sync. */
  private long startupDeadline;

  @Inject
  public RosterSync(DashboardSettings settings, DataSources sources, Clock clock) {
    this.settings = settings;
    this.sources = sources;
    this.clock = clock;
    this.roster = new ProjectRoster(settings.rosterFile(), clock);
  }

  /** For CDI proxies only. */
  protected RosterSync() {
    this.settings = null;
    this.sources = null;
    this.clock = null;
    this.roster = null;
  }

  /**
   * Loads the roster file and, in shotgrid mode, runs the startup sync and schedules the periodic
   * one. Called once, when the live dashboard is created at startup; later calls do nothing.
   */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    roster.load();
    if (sources.dashboardMode() != SourceMode.SHOTGRID || sources.dashboardSource().isEmpty()) {
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "trafalgar-dashboard-sync-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    startupSync();
    if (settings.syncIntervalSeconds() > 0) {
      long period = (long) (settings.syncIntervalSeconds() * 1000);
      nextSyncAt = clock.instant().plusMillis(period);
      executor.scheduleWithFixedDelay(() -> {
        sync();
        nextSyncAt = clock.instant().plusMillis(period);
      }, period, period, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.shutdownNow();
    }
  }

  /**
   * One attempt during startup (9.5 step 2), in the background: the deployment does not wait for
   * the ShotGrid round trip, the first read of the roster does ({@link #awaitStartupSync()}).
   */
  private void startupSync() {
    startupDeadline = System.nanoTime()
        + (long) (settings.startupSyncTimeoutSeconds() * 1_000_000_000L);
    startupSync = executor.submit(this::sync);
  }

  /**
   * Waits for the startup sync, until at most the ShotGrid request timeout after it began, so the
   * first request that reads the roster sees it as the sync left it; a slower sync finishes in the
   * background.
   */
  private void awaitStartupSync() {
    Future<?> sync = startupSync;
    if (sync == null) {
      return;
    }
    try {
      sync.get(Math.max(0, startupDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      LOG.warning("The startup project sync did not finish within the ShotGrid request timeout;"
          + " serving the roster file until it does.");
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "The startup project sync failed.", e.getCause());
    } catch (CancellationException e) {
      // stopped with the application
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // wait again on the next read
    }
    startupSync = null;
  }

  /** Replaces the roster with ShotGrid's project list; a failure keeps the roster (9.5). */
  private void sync() {
    try {
      ProductionSource source = sources.dashboardSource().orElseThrow();
      List<String> synced = source.listProjects();
      roster.replace(synced);
    } catch (SourceException e) {
      LOG.warning(() -> "Project sync with ShotGrid failed (" + e.reason()
          + "); keeping the current roster.");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Project sync failed; keeping the current roster.", e);
    }
  }

  /**
   * Starts a sync in the background when syncs run at all (shotgrid mode): {@code POST
   * /admin/cache} calls it after its answer is taken, so the answer shows the reloaded file (15).
   */
  public void syncInBackground() {
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.execute(this::sync);
    }
  }

  /** The roster's names, sorted by code point. */
  public List<String> names() {
    awaitStartupSync();
    return roster.names();
  }

  /** Forgets the roster and reads its file again at once ({@code POST /admin/cache}, 4.5). */
  public void reload() {
    awaitStartupSync();
    roster.reload();
  }

  /** The {@code projects} bucket of {@code GET /admin/cache} (4.4). */
  public ProjectCache.Stats stats() {
    awaitStartupSync();
    return new ProjectCache.Stats(roster.names().size(), roster.lastRefreshAt(), nextSyncAt, 0);
  }

  /** Why the last rewrite of the roster file failed; {@code null} while it is fine. */
  public String writeProblem() {
    awaitStartupSync();
    return roster.writeProblem();
  }
}
