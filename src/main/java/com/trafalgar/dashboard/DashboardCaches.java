package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.config.DashboardSettings;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.review.ProjectReview;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.SourceMode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live dashboard's cache buckets (API.md 9.6) under their live settings: versions and review
 * summaries per project, the delivery manifests, and in shotgrid mode the pool that fills cold
 * buckets ({@value #UPSTREAM_FETCH_THREADS} daemon threads named {@code
 * trafalgar-dashboard-fetch-N}, stopped with the application). {@code POST /admin/cache} flushes
 * them and changes the settings, which every bucket reads on each operation.
 */
@ApplicationScoped
public class DashboardCaches {
  /**
   * ShotGrid fetches a cold dashboard runs at once (versions, then review summaries): enough to
   * warm twenty projects in a few round trips, few enough to stay a polite API client.
   */
  static final int UPSTREAM_FETCH_THREADS = 4;

  private final DataSources sources;
  private final ProjectCache<List<? extends JsonNode>> versions;
  private final ProjectCache<ProjectReview> reviews;
  private final Deliveries deliveries;
  private volatile CacheSettings settings;
  private volatile ExecutorService fetcher;

  @Inject
  public DashboardCaches(DashboardSettings settings, DataSources sources, Clock clock) {
    this.sources = sources;
    this.settings = settings.cache();
    this.versions = new ProjectCache<>("versions", clock, this::settings, List::size, true);
    this.reviews = new ProjectCache<>("review", clock, this::settings, r -> 1, false);
    this.deliveries = new Deliveries(settings.deliveriesRoot().orElse(null), clock,
        Deliveries.MANIFEST_CAPACITY);
  }

  /** For CDI proxies only. */
  protected DashboardCaches() {
    this.sources = null;
    this.versions = null;
    this.reviews = null;
    this.deliveries = null;
  }

  /** Starts the fetch pool in shotgrid mode; the other modes never fetch through the buckets. */
  @PostConstruct
  void start() {
    if (sources.dashboardMode() != SourceMode.SHOTGRID || sources.dashboardSource().isEmpty()) {
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    fetcher = Executors.newFixedThreadPool(UPSTREAM_FETCH_THREADS, task -> {
      Thread thread = new Thread(task, "trafalgar-dashboard-fetch-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @PreDestroy
  void stop() {
    ExecutorService running = fetcher;
    if (running != null) {
      running.shutdownNow();
    }
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
  public ProjectCache<List<? extends JsonNode>> versions() {
    return versions;
  }

  /** The {@code review} bucket: one project's review summary per entry. */
  public ProjectCache<ProjectReview> reviews() {
    return reviews;
  }

  /** The deliveries and their manifest LRU (the {@code delivery_manifests} bucket). */
  public Deliveries deliveries() {
    return deliveries;
  }

  /** The pool of cold fetches; the caller's thread when there is none (never in shotgrid mode). */
  public Executor fetcher() {
    ExecutorService running = fetcher;
    return running != null ? running : Runnable::run;
  }

  /** Empties the versions and review buckets and the manifest LRU (4.5 step 1). */
  public void flush() {
    versions.flush();
    reviews.flush();
    deliveries.flush();
  }
}
