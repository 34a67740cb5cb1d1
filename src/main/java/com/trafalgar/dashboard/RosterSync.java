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
 * roster file is loaded by {@link #start()}; in shotgrid mode one sync runs then (waited for at
 * most the ShotGrid request timeout) and every sync interval after it, on one daemon thread named
 * {@code trafalgar-dashboard-sync-1}, stopped with the application. Requests read the roster from
 * memory only and never call ShotGrid to discover projects.
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

  /** One attempt during startup, bounded by the ShotGrid request timeout (9.5 step 2). */
  private void startupSync() {
    Future<?> sync = executor.submit(this::sync);
    try {
      sync.get((long) (settings.startupSyncTimeoutSeconds() * 1000), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warning("The startup project sync did not finish within the ShotGrid request timeout;"
          + " serving the roster file until it does.");
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "The startup project sync failed.", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    return roster.names();
  }

  /** Forgets the roster and reads its file again at once ({@code POST /admin/cache}, 4.5). */
  public void reload() {
    roster.reload();
  }

  /** The {@code projects} bucket of {@code GET /admin/cache} (4.4). */
  public ProjectCache.Stats stats() {
    return new ProjectCache.Stats(roster.names().size(), roster.lastRefreshAt(), nextSyncAt, 0);
  }

  /** Why the last rewrite of the roster file failed; {@code null} while it is fine. */
  public String writeProblem() {
    return roster.writeProblem();
  }
}
