package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.DashboardSettings;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.http.ApiException;
import com.trafalgar.ingest.IngestSummary;
import com.trafalgar.ingest.IngestSummaryView;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.render.RenderSummary;
import com.trafalgar.render.RenderSummaryView;
import com.trafalgar.review.ProjectReview;
import com.trafalgar.review.ReviewSummaryView;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.ProductionSource;
import com.trafalgar.source.SourceException;
import com.trafalgar.source.SourceMode;
import com.trafalgar.text.Text;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard (API.md 4, 9.4–9.9, 13): known projects and the roster, the versions and review
 * caches, the overall status, project summaries, reconciliation, deliveries and the cache admin.
 * In demo mode every answer comes from {@link DemoDataset}. Render, ingest and review figures come
 * through their summary views; a view that is not deployed contributes zeros.
 */
@ApplicationScoped
public class DashboardService {
  private static final Logger LOG = Logger.getLogger(DashboardService.class.getName());
  /** Runs considered by the ingest summary (9.9). */
  public static final int INGEST_WINDOW = 10;
  /**
   * ShotGrid fetches a cold dashboard runs at once (versions, then review summaries): enough to
   * warm twenty projects in a few round trips, few enough to stay a polite API client.
   */
  static final int UPSTREAM_FETCH_THREADS = 4;

  private final ConfigReader config;
  private final DataSources sources;
  private final Clock clock;
  private final Instance<RenderSummaryView> renderView;
  private final Instance<IngestSummaryView> ingestView;
  private final Instance<ReviewSummaryView> reviewView;

  private DashboardSettings settings;
  private volatile CacheSettings cacheSettings;
  private SourceMode mode;
  private ProjectRoster roster;
  private ProjectCache<List<? extends JsonNode>> versions;
  private ProjectCache<ProjectReview> reviews;
  private MemoisedJsonFile<List<ObjectNode>> reconcileReport;
  private Deliveries deliveries;
  private final OverallMemo overallMemo = new OverallMemo();
  private volatile Instant flushedAt;
  private volatile Instant nextSyncAt;
  private ScheduledExecutorService executor;
  private ExecutorService fetcher;

  @Inject
  public DashboardService(
      ConfigReader config,
      DataSources sources,
      Clock clock,
      Instance<RenderSummaryView> renderView,
      Instance<IngestSummaryView> ingestView,
      Instance<ReviewSummaryView> reviewView) {
    this.config = config;
    this.sources = sources;
    this.clock = clock;
    this.renderView = renderView;
    this.ingestView = ingestView;
    this.reviewView = reviewView;
  }

  /** For CDI proxies only. */
  protected DashboardService() {
    this(null, null, null, null, null, null);
  }

  /** Created eagerly so the roster is loaded and synced at startup (9.5). */
  void onStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.fine(() -> "Dashboard ready in mode " + mode.label());
  }

  @PostConstruct
  void start() {
    settings = DashboardSettings.from(config);
    cacheSettings = settings.cache();
    mode = sources.dashboardMode();
    roster = new ProjectRoster(settings.rosterFile(), clock);
    versions = new ProjectCache<>("versions", clock, () -> cacheSettings, List::size, true);
    reviews = new ProjectCache<>("review", clock, () -> cacheSettings, r -> 1, false);
    reconcileReport =
        settings.reconcileReport()
            .map(path -> new MemoisedJsonFile<List<ObjectNode>>(path, Reconciliation::mismatches,
                List.of()))
            .orElse(null);
    deliveries = new Deliveries(settings.deliveriesRoot().orElse(null), clock,
        Deliveries.MANIFEST_CAPACITY);
    if (mode == SourceMode.DEMO) {
      return;
    }
    roster.load();
    if (mode == SourceMode.SHOTGRID && sources.dashboardSource().isPresent()) {
      AtomicInteger threads = new AtomicInteger();
      executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "trafalgar-dashboard-sync-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      AtomicInteger fetchThreads = new AtomicInteger();
      fetcher = Executors.newFixedThreadPool(UPSTREAM_FETCH_THREADS, task -> {
        Thread thread =
            new Thread(task, "trafalgar-dashboard-fetch-" + fetchThreads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      startupSync();
      if (settings.syncIntervalSeconds() > 0) {
        long period = (long) (settings.syncIntervalSeconds() * 1000);
        nextSyncAt = clock.instant().plusMillis(period);
        executor.scheduleWithFixedDelay(() -> {
          syncRoster();
          nextSyncAt = clock.instant().plusMillis(period);
        }, period, period, TimeUnit.MILLISECONDS);
      }
    }
  }

  @PreDestroy
  void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
    if (fetcher != null) {
      fetcher.shutdownNow();
    }
  }

  /** One attempt during startup, bounded by the ShotGrid request timeout (9.5 step 2). */
  private void startupSync() {
    Future<?> sync = executor.submit(this::syncRoster);
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
  private void syncRoster() {
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

  public boolean demo() {
    return mode == SourceMode.DEMO;
  }

  /** Known projects (9.5), sorted by code point. */
  public List<String> knownProjects() {
    if (demo()) {
      return DemoDataset.projects();
    }
    TreeSet<String> known = new TreeSet<>(settings.alwaysKnownProjects());
    known.addAll(roster.names());
    Optional<ProductionSource> source = sources.dashboardSource();
    if (mode == SourceMode.OFFLINE && source.isPresent()) {
      try {
        known.addAll(source.get().listProjects());
      } catch (SourceException | RuntimeException e) {
        LOG.fine(() -> "Offline project list unavailable: " + e);
      }
    }
    return List.copyOf(known);
  }

  // ---------------------------------------------------------------- status and metrics

  /** {@code GET /status} (4.2). */
  public ObjectNode status() {
    Figures figures = figures();
    ObjectNode body = Json.object();
    body.setAll(figures.overall());
    ObjectNode ingest = figures.ingest();
    ingest.put("sample_window", INGEST_WINDOW);
    body.set("ingest", ingest);
    body.set("render", figures.render());
    body.set("review", figures.review());
    return body;
  }

  /** {@code GET /metrics} (4.3): the figures of {@code /status}, in four keys. */
  public ObjectNode metrics() {
    Figures figures = figures();
    ObjectNode body = Json.object();
    body.set("status", figures.overall());
    body.set("ingest", figures.ingest());
    body.set("render", figures.render());
    body.set("review", figures.review());
    return body;
  }

  private record Figures(ObjectNode overall, ObjectNode ingest, ObjectNode render,
      ObjectNode review) {}

  private Figures figures() {
    if (demo()) {
      return new Figures(DemoDataset.overall(), DemoDataset.ingest(), DemoDataset.render(),
          DemoDataset.review());
    }
    // the project list is fixed before any aggregate is computed (4.2)
    List<String> known = knownProjects();
    Aggregation.Overall overall = overallMemo.get(known, versionParts(known));
    ObjectNode status = Json.object();
    status.put("projects", overall.projects());
    status.put("shots", overall.shots());
    status.put("versions", overall.versions());
    status.put("errors", errors().size());
    return new Figures(status, ingestFigures(), renderFigures(), reviewFigures(known));
  }

  /** The pool of cold fetches; the caller's thread when there is none (never in ShotGrid mode). */
  private Executor fetcher() {
    return fetcher != null ? fetcher : Runnable::run;
  }

  /** The version records behind the overall status: per known project, or the whole file. */
  private List<List<? extends JsonNode>> versionParts(List<String> known) {
    Optional<ProductionSource> source = sources.dashboardSource();
    List<List<? extends JsonNode>> parts = new ArrayList<>();
    if (source.isEmpty()) {
      return parts;
    }
    if (mode == SourceMode.OFFLINE) {
      try {
        parts.add(source.get().allVersions());
      } catch (SourceException | RuntimeException e) {
        LOG.fine(() -> "Offline versions unavailable: " + e);
      }
      return parts;
    }
    Map<String, CompletableFuture<List<? extends JsonNode>>> answers =
        versions.getAll(known, source.get()::versions, fetcher());
    for (Map.Entry<String, CompletableFuture<List<? extends JsonNode>>> answer
        : answers.entrySet()) {
      String project = answer.getKey();
      try {
        parts.add(ProjectCache.await(answer.getValue()));
      } catch (SourceException e) {
        // the project contributes nothing; the failure is logged by the source
        LOG.fine(() -> "Versions of '" + project + "' unavailable: " + e.reason());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Versions of '" + project + "' unavailable.", e);
      }
    }
    return parts;
  }

  private ObjectNode ingestFigures() {
    IngestSummary summary = null;
    if (ingestView.isResolvable()) {
      try {
        summary = ingestView.get().ingestSummary(INGEST_WINDOW);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Ingest summary unavailable; reporting zeros.", e);
      }
    }
    if (summary == null) {
      summary = new IngestSummary(0, 0, 0, 0, null, 0);
    }
    ObjectNode ingest = Json.object();
    ObjectNode counts = ingest.putObject("counts");
    counts.put("total", summary.total());
    counts.put("successful", summary.successful());
    counts.put("failed", summary.failed());
    counts.put("running", summary.running());
    ingest.put("last_success_at", summary.lastSuccessAt());
    ingest.put("failure_streak", summary.failureStreak());
    return ingest;
  }

  private ObjectNode renderFigures() {
    RenderSummary summary = null;
    if (renderView.isResolvable()) {
      try {
        summary = renderView.get().renderSummary();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Render summary unavailable; reporting zeros.", e);
      }
    }
    if (summary == null) {
      summary = new RenderSummary(0, Map.of(), Map.of());
    }
    ObjectNode render = Json.object();
    render.put("jobs", summary.jobs());
    ObjectNode byStatus = render.putObject("by_status");
    new java.util.TreeMap<>(summary.byStatus()).forEach(byStatus::put);
    ObjectNode byFarm = render.putObject("by_farm");
    new java.util.TreeMap<>(summary.byFarm()).forEach(byFarm::put);
    return render;
  }

  /**
   * The review summaries of the offline file for a list of known projects, remembered with the
   * file's parsed content: {@code /metrics} polls would otherwise walk every playlist and clip.
   */
  private record OfflineReviews(Object revision, List<String> known, List<ProjectReview> listed) {}

  private volatile OfflineReviews offlineReviews;

  /** The review summary of 9.10 over the known projects. */
  private ObjectNode reviewFigures(List<String> known) {
    if (mode != SourceMode.OFFLINE) {
      return ReviewFigures.of(reviewSummaries(known));
    }
    Optional<Object> revision = sources.reviewBackend().flatMap(ProductionSource::dataRevision);
    OfflineReviews memo = offlineReviews;
    if (revision.isPresent() && memo != null && memo.revision() == revision.get()
        && memo.known().equals(known)) {
      return ReviewFigures.of(memo.listed());
    }
    List<ProjectReview> listed = reviewSummaries(known);
    // summarised after the revision was taken: if the file changed meanwhile, the next request
    // sees a newer revision and summarises again
    revision.ifPresent(token -> offlineReviews = new OfflineReviews(token, known, listed));
    return ReviewFigures.of(listed);
  }

  private List<ProjectReview> reviewSummaries(List<String> known) {
    List<ProjectReview> listed = new ArrayList<>();
    if (reviewView.isResolvable() && mode != SourceMode.NONE) {
      ReviewSummaryView view = reviewView.get();
      if (view.configured()) {
        Map<String, CompletableFuture<ProjectReview>> cached = mode == SourceMode.SHOTGRID
            ? reviews.getAll(known, view::summarise, fetcher())
            : Map.of();
        for (String project : known) {
          try {
            listed.add(mode == SourceMode.SHOTGRID
                ? ProjectCache.await(cached.get(project))
                : view.summarise(project));
          } catch (SourceException e) {
            LOG.fine(() -> "Review summary of '" + project + "' unavailable: " + e.reason());
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Review summary of '" + project + "' unavailable.", e);
          }
        }
      }
    }
    return List.copyOf(listed);
  }

  // ---------------------------------------------------------------- projects

  /** {@code GET /projects/{project}} (4.6). */
  public ObjectNode project(String project) {
    if (demo()) {
      return DemoDataset.summary(project).orElseThrow(DashboardService::projectNotFound);
    }
    return Aggregation.projectSummary(project, projectVersions(project));
  }

  /** {@code GET /projects/{project}/episodes} (4.7). */
  public ObjectNode episodes(String project) {
    if (demo()) {
      return DemoDataset.episodes(project).orElseThrow(DashboardService::projectNotFound);
    }
    return Aggregation.episodes(project, projectVersions(project));
  }

  /** The records of a project route, or the 404/502 of 4.6. */
  private List<JsonNode> projectVersions(String project) {
    List<String> known = knownProjects();
    List<JsonNode> records = new ArrayList<>();
    Optional<ProductionSource> source = sources.dashboardSource();
    if (source.isPresent()) {
      try {
        if (mode == SourceMode.SHOTGRID) {
          for (String candidate : known) {
            if (candidate.equalsIgnoreCase(project)) {
              records.addAll(versions.get(candidate, source.get()::versions));
            }
          }
        } else {
          records.addAll(source.get().versions(project));
        }
      } catch (SourceException e) {
        throw ApiException.detail(502, "ShotGrid query failed: " + e.reason());
      }
    }
    List<JsonNode> matched = Aggregation.matching(project, records);
    if (matched.isEmpty() && !known.contains(project)) {
      throw projectNotFound();
    }
    return matched;
  }

  private static ApiException projectNotFound() {
    return ApiException.detail(404, "Project not found");
  }

  // ---------------------------------------------------------------- reconciliation

  /** {@code GET /errors} (4.8): the mismatches of the reconcile report (9.7). */
  public List<ObjectNode> errors() {
    if (demo()) {
      return DemoDataset.errors();
    }
    return reconcileReport == null ? List.of() : reconcileReport.read();
  }

  /** {@code GET /errors/summary} (4.9). */
  public List<ObjectNode> errorSummary() {
    return Reconciliation.summary(errors());
  }

  // ---------------------------------------------------------------- deliveries

  /** {@code GET /deliveries/{project}} (4.10); {@code manifest_api} only with the token. */
  public List<ObjectNode> deliveries(String project, boolean withLinks) {
    List<ObjectNode> entries = demo() ? DemoDataset.deliveries(project) : deliveries.list(project);
    if (withLinks) {
      for (ObjectNode entry : entries) {
        entry.put("manifest_api", "/deliveries/" + DashboardPage.percent(project) + "/"
            + DashboardPage.percent(entry.get("delivery_id").asText()));
      }
    }
    return entries;
  }

  /** {@code GET /deliveries/{project}/{delivery}} (4.11). */
  public ObjectNode deliveryManifest(String project, String delivery) {
    String wanted = Text.trim(delivery);
    Optional<ArrayNode> files = demo()
        ? DemoDataset.files(project, wanted)
        : deliveries.files(project, wanted);
    ObjectNode body = Json.object();
    body.set("files", files.orElseThrow(() -> ApiException.detail(404, "Delivery not found")));
    return body;
  }

  // ---------------------------------------------------------------- cache admin

  /** {@code GET /admin/cache} (4.4). */
  public ObjectNode cache() {
    if (demo()) {
      return demoCache();
    }
    CacheSettings current = cacheSettings;
    ObjectNode body = Json.object();
    body.put("ttl_seconds", current.ttlSeconds());
    body.put("max_records", current.maxRecords());
    body.put("max_projects", current.maxProjects());
    ObjectNode buckets = body.putObject("buckets");
    bucket(buckets, "versions", versions.stats());
    bucket(buckets, "review", reviews.stats());
    ObjectNode projects = bucket(buckets, "projects", projectsStats());
    if (roster.writeProblem() != null) {
      projects.put("warning", roster.writeProblem());
    }
    bucket(buckets, "delivery_manifests", deliveries.stats());
    bucket(buckets, "ingest_registry", ingestStats());
    return body;
  }

  /**
   * {@code POST /admin/cache} (4.5): validates, flushes every cache, applies the new settings and
   * answers the admin payload as it is afterwards. A rejected body changes nothing.
   */
  public ObjectNode updateCache(Optional<JsonNode> body) {
    CacheUpdate update = CacheUpdate.parse(body);
    if (demo()) {
      return demoCache();
    }
    flush();
    cacheSettings = update.applyTo(cacheSettings);
    ObjectNode answer = cache();
    if (executor != null) {
      // started after the answer is taken, so the answer shows the flushed roster (15)
      executor.execute(this::syncRoster);
    }
    return answer;
  }

  private void flush() {
    flushedAt = clock.instant();
    versions.flush();
    reviews.flush();
    deliveries.flush();
    overallMemo.clear();
    offlineReviews = null;
    if (ingestView.isResolvable()) {
      try {
        ingestView.get().forgetFingerprint();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not reset the ingest registry memo.", e);
      }
    }
    // 4.5: the roster is reloaded from its file at once, so the answer already counts it
    roster.reload();
  }

  private ProjectCache.Stats projectsStats() {
    return new ProjectCache.Stats(roster.names().size(), roster.lastRefreshAt(), nextSyncAt, 0);
  }

  /** The ingest memo; after a flush it counts as empty until the registry is parsed again. */
  private ProjectCache.Stats ingestStats() {
    if (!ingestView.isResolvable()) {
      return new ProjectCache.Stats(0, null, null, 0);
    }
    try {
      IngestSummaryView view = ingestView.get();
      Instant lastRead = view.registryLastRefreshAt();
      Instant flushed = flushedAt;
      if (lastRead == null || (flushed != null && !lastRead.isAfter(flushed))) {
        return new ProjectCache.Stats(0, flushed == null ? lastRead : null, null, 0);
      }
      return new ProjectCache.Stats(view.registryEntries(), lastRead, null, 0);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Ingest registry statistics unavailable.", e);
      return new ProjectCache.Stats(0, null, null, 0);
    }
  }

  private static ObjectNode bucket(ObjectNode buckets, String name, ProjectCache.Stats stats) {
    ObjectNode bucket = buckets.putObject(name);
    bucket.put("entries", stats.entries());
    bucket.put("last_refresh_at", Timestamps.format(stats.lastRefreshAt()));
    bucket.put("expires_at", Timestamps.format(stats.expiresAt()));
    bucket.put("evictions", stats.evictions());
    return bucket;
  }

  private static ObjectNode demoCache() {
    ObjectNode body = DemoDataset.cacheSettings();
    ObjectNode buckets = body.putObject("buckets");
    ProjectCache.Stats empty = new ProjectCache.Stats(0, null, null, 0);
    for (String name : List.of("versions", "review", "projects", "delivery_manifests",
        "ingest_registry")) {
      bucket(buckets, name, empty);
    }
    return body;
  }
}
