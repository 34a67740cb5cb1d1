package com.trafalgar.dashboard;

import com.trafalgar.config.DashboardSettings;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.review.ProjectReview;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.ProductionSource;
import com.trafalgar.source.SourceMode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live dashboard's cache buckets (API.md 9.6) under their live settings: versions and review
 * summaries per project, the delivery manifests, and in shotgrid mode the pool that fills cold
 * buckets and refreshes due entries in the background ({@code TRAFALGAR_DASHBOARD_FETCH_THREADS}
 * daemon threads, default 4, named {@code trafalgar-dashboard-fetch-N}; created by the first fetch,
 * stopped with the application). {@code POST /admin/cache} flushes the buckets and changes the
 * settings, which every bucket reads on each operation.
 */
@ApplicationScoped
public class DashboardCaches {
  private final DataSources sources;
  private final ProjectCache<ProjectVersions> versions;
  private final ProjectCache<ProjectReview> reviews;
  private final Deliveries deliveries;
  private final int fetchThreads;
  private volatile CacheSettings settings;
  private ExecutorService fetcher;
  private boolean stopped;

  @Inject
  public DashboardCaches(DashboardSettings settings, DataSources sources, Clock clock) {
    this.sources = sources;
    this.settings = settings.cache();
    this.fetchThreads = settings.fetchThreads();
    this.versions = new ProjectCache<>("versions", clock, this::settings,
        v -> v.records().size(), true,
        this::fetch, DashboardCaches::spread);
    this.reviews = new ProjectCache<>("review", clock, this::settings, r -> 1, false,
        this::fetch, DashboardCaches::spread);
    this.deliveries = new Deliveries(settings.deliveriesRoot().orElse(null), clock,
        Deliveries.MANIFEST_CAPACITY);
  }

  /** For CDI proxies only. */
  protected DashboardCaches() {
    this.sources = null;
    this.versions = null;
    this.reviews = null;
    this.deliveries = null;
    this.fetchThreads = 0;
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    if (fetcher != null) {
      fetcher.shutdownNow();
    }
  }

  /**
   * The fetch pool, created by the first fetch in shotgrid mode (a dashboard nobody polls never
   * starts its threads); {@code null} in the other modes, which never fetch through the buckets,
   * and once stopped.
   */
  private synchronized ExecutorService pool() {
    if (fetcher == null && !stopped && sources.dashboardMode() == SourceMode.SHOTGRID
        && sources.dashboardSource().isPresent()) {
      AtomicInteger threads = new AtomicInteger();
      fetcher = Executors.newFixedThreadPool(fetchThreads, task -> {
        Thread thread = new Thread(task, "trafalgar-dashboard-fetch-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
    }
    return fetcher;
  }
  /** The live cache settings. */
  public CacheSettings settings() {
    return settings;
  }

  /** Applies the non-null values of an accepted {@code POST /admin/cache} (until restart). */
  public void apply(CacheUpdate update) {
    settings = update.applyTo(settings);
  }

  /** The {@code versions} bucket: one project's version records per entry. */
  public ProjectCache<ProjectVersions> versions() {
    return versions;
  }

  /**
   * The versions bucket's loader over {@code source}: the fetch thread also tallies the records,
   * so no request walks them for the overall figures. Every reader of the bucket uses it, whoever
   * leads a fetch.
   */
  public static ProjectCache.Loader<ProjectVersions> versionsLoader(ProductionSource source) {
    return project -> ProjectVersions.tallied(source.versions(project));
  }

  /** The {@code review} bucket: one project's review summary per entry. */
  public ProjectCache<ProjectReview> reviews() {
    return reviews;
  }

  /** The deliveries and their manifest LRU (the {@code delivery_manifests} bucket). */
  public Deliveries deliveries() {
    return deliveries;
  }

  /**
   * Runs an upstream fetch of a bucket (a cold fill or a background refresh) on the pool; on the
   * caller's thread when there is none (never in shotgrid mode).
   */
  private void fetch(Runnable task) {
    ExecutorService running = pool();
    if (running != null) {
      running.execute(task);
    } else {
      task.run();
    }
  }

  /** A cold fill's share of the refresh spread (ProjectCache): uniform, per fill. */
  private static double spread() {
    return ThreadLocalRandom.current().nextDouble();
  }

  /** Empties the versions and review buckets and the manifest LRU (4.5 step 1). */
  public void flush() {
    versions.flush();
    reviews.flush();
    deliveries.flush();
  }
}
