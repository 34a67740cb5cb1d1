package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.DashboardSettings;
import com.trafalgar.http.ApiException;
import com.trafalgar.json.Timestamps;
import com.trafalgar.ingest.IngestSummary;
import com.trafalgar.ingest.IngestSummaryView;
import com.trafalgar.render.RenderSummary;
import com.trafalgar.render.RenderSummaryView;
import com.trafalgar.review.ProjectReview;
import com.trafalgar.review.ReviewSummaryView;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.ProductionSource;
import com.trafalgar.source.SourceException;
import com.trafalgar.source.SourceMode;
import com.trafalgar.testing.MutableClock;
import com.trafalgar.testing.VersionsOnlySource;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard, wired as CDI wires it, in shotgrid mode over an in-test studio backend:
 * roster sync, overall status across known projects, project routes (404/502, stale data), the
 * cache admin flush, one upstream fetch per project for many concurrent cold {@code /metrics}
 * calls; and in offline mode.
 */
class LiveDashboardTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock("2024-05-20T09:00:00Z");
  private final Studio studio = new Studio();
  private LiveDashboard service;
  private RosterSync roster;
  private DashboardCaches caches;
  private ExecutorService pool;

  /** The production backend double: records per project, failures, call counting, a gate. */
  static class Studio extends VersionsOnlySource {
    final Map<String, List<ObjectNode>> versions = new ConcurrentHashMap<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    volatile List<String> projects = List.of("alpha", "beta");
    volatile CountDownLatch gate;

    void add(String project, String... records) {
      List<ObjectNode> list = versions.computeIfAbsent(project, p -> new ArrayList<>());
      for (String record : records) {
        list.add(Records.record(record));
      }
    }

    int calls(String project) {
      return calls.computeIfAbsent(project, p -> new AtomicInteger()).get();
    }

    @Override
    public SourceMode mode() {
      return SourceMode.SHOTGRID;
    }

    @Override
    public List<String> listProjects() throws SourceException {
      return projects;
    }

    @Override
    public List<ObjectNode> versions(String project) throws SourceException {
      calls.computeIfAbsent(project, p -> new AtomicInteger()).incrementAndGet();
      CountDownLatch wait = gate;
      if (wait != null) {
        try {
          wait.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failing.contains(project)) {
        throw new SourceException("HTTP 500");
      }
      return List.copyOf(versions.getOrDefault(project, List.of()));
    }
  }

  /** DataSources as the sources feature selects shotgrid mode. */
  static final class ShotGridSources extends DataSources {
    private final ProductionSource source;

    ShotGridSources(ProductionSource source) {
      // the proxy constructor: selection is replaced by the overrides below
      super();
      this.source = source;
    }

    @Override
    public SourceMode dashboardMode() {
      return SourceMode.SHOTGRID;
    }

    @Override
    public Optional<ProductionSource> dashboardSource() {
      return Optional.of(source);
    }
  }

  /** An offline file as the sources feature serves it: whole-file versions, file projects. */
  static final class OfflineFile extends Studio {
    @Override
    public SourceMode mode() {
      return SourceMode.OFFLINE;
    }

    @Override
    public List<ObjectNode> versions(String project) {
      List<ObjectNode> matching = new ArrayList<>();
      for (ObjectNode record : allVersions()) {
        if (project.equalsIgnoreCase(VersionRecords.project(record))) {
          matching.add(record);
        }
      }
      calls.computeIfAbsent(project, p -> new AtomicInteger()).incrementAndGet();
      return matching;
    }

    @Override
    public List<ObjectNode> allVersions() {
      List<ObjectNode> all = new ArrayList<>();
      versions.values().forEach(all::addAll);
      return all;
    }
  }

  /** DataSources in offline mode. */
  static final class OfflineSources extends DataSources {
    private final ProductionSource source;

    OfflineSources(ProductionSource source) {
      super();
      this.source = source;
    }

    @Override
    public SourceMode dashboardMode() {
      return SourceMode.OFFLINE;
    }

    @Override
    public Optional<ProductionSource> dashboardSource() {
      return Optional.of(source);
    }
  }

  static final class Ingest implements IngestSummaryView {
    final AtomicInteger forgotten = new AtomicInteger();
    volatile Instant lastRead = Instant.parse("2024-05-20T08:00:00Z");

    @Override
    public IngestSummary ingestSummary(int window) {
      return new IngestSummary(4, 1, 2, 1, "2024-01-01T02:30:00+00:00", 2);
    }

    @Override
    public void forgetFingerprint() {
      forgotten.incrementAndGet();
    }

    @Override
    public int registryEntries() {
      return 4;
    }

    @Override
    public Instant registryLastRefreshAt() {
      return lastRead;
    }
  }

  static final class Review implements ReviewSummaryView {
    @Override
    public boolean configured() {
      return true;
    }

    @Override
    public ProjectReview summarise(String project) throws SourceException {
      if (!project.equals("alpha")) {
        throw new SourceException("HTTP 404");
      }
      return new ProjectReview("alpha", 1, 2, 1, 2.0);
    }
  }

  private final Ingest ingest = new Ingest();

  /** The live dashboard and its parts, as CDI wires and starts them. */
  private LiveDashboard wire(ConfigReader config, DataSources sources,
      Instance<RenderSummaryView> render, Instance<IngestSummaryView> ingestView,
      Instance<ReviewSummaryView> review) {
    DashboardSettings settings = DashboardSettings.from(config);
    roster = new RosterSync(settings, sources, clock);
    caches = new DashboardCaches(settings, sources, clock);
    StatusFigures figures = new StatusFigures(sources, caches, render, ingestView, review);
    CacheAdmin admin = new CacheAdmin(caches, roster, figures, ingestView, clock);
    service = new LiveDashboard(settings, sources, roster, caches, figures, admin);
    service.start();
    return service;
  }

  private LiveDashboard start(String... settings) {
    Map<String, String> values = new HashMap<>(Map.of(
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY", dir.resolve("roster/projects.json").toString(),
        "TRAFALGAR_PROJECT_SYNC_INTERVAL", "0",
        "ONEPIECE_DASHBOARD_PROJECTS", "gamma"));
    for (int i = 0; i + 1 < settings.length; i += 2) {
      values.put(settings[i], settings[i + 1]);
    }
    ConfigReader config = new ConfigReader(name -> Optional.ofNullable(values.get(name)));
    RenderSummaryView render =
        () -> new RenderSummary(2, Map.of("submitted", 2), Map.of("mock", 2));
    return wire(config, new ShotGridSources(studio),
        TestInstance.of(render), TestInstance.of(ingest), TestInstance.of(new Review()));
  }

  @AfterEach
  void stop() {
    if (roster != null) {
      roster.stop();
    }
    if (caches != null) {
      caches.stop();
    }
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private void studioData() {
    studio.add("alpha",
        "{\"project\": \"alpha\", \"shot\": \"EP01_SC001_SH0010\", \"version\": 1,"
            + " \"status\": \"apr\"}",
        "{\"project\": \"Alpha\", \"shot\": \"EP01_SC001_SH0010\", \"version\": 2,"
            + " \"status\": \"pub\", \"timestamp\": \"2024-01-01T10:00:00Z\"}");
    studio.add("beta", "{\"project\": {\"name\": \"beta\"}, \"shot\": \"sh1\", \"code\": \"v1\"}");
    studio.failing.add("gamma");
  }

  @Test
  void startupSyncFillsTheRosterAndRewritesItsFile() throws IOException {
    start();
    assertEquals(List.of("alpha", "beta", "gamma"), service.knownProjects());
    JsonNode file = Records.json(Files.readString(dir.resolve("roster/projects.json")));
    assertEquals("[\"alpha\",\"beta\"]", file.get("projects").toString());
    assertEquals("2024-05-20T09:00:00+00:00", file.get("synced_at").asText());
  }

  @Test
  void theStartupSyncRunsInTheBackgroundAndTheFirstReadWaitsForIt() throws Exception {
    Path roster = Files.createDirectories(dir.resolve("roster")).resolve("projects.json");
    Files.writeString(roster, "[\"from-file\"]");
    CountDownLatch listing = new CountDownLatch(1);
    ProductionSource slow = new Studio() {
      @Override
      public List<String> listProjects() throws SourceException {
        try {
          listing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return List.of("synced");
      }
    };
    ConfigReader config = new ConfigReader(name -> Optional.ofNullable(Map.of(
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY", roster.toString(),
        "TRAFALGAR_PROJECT_SYNC_INTERVAL", "0").get(name)));
    // the application starts while ShotGrid has not answered the sync
    wire(config, new ShotGridSources(slow),
        TestInstance.none(), TestInstance.none(), TestInstance.none());
    listing.countDown();
    assertEquals(List.of("synced"), service.knownProjects(), "the first read waited for it");
  }

  @Test
  void aStartupSyncSlowerThanTheRequestTimeoutLeavesTheFileRosterServed() throws Exception {
    Path roster = Files.createDirectories(dir.resolve("roster")).resolve("projects.json");
    Files.writeString(roster, "[\"from-file\"]");
    CountDownLatch never = new CountDownLatch(1);
    ProductionSource stuck = new Studio() {
      @Override
      public List<String> listProjects() throws SourceException {
        try {
          never.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new SourceException("timeout");
      }
    };
    ConfigReader config = new ConfigReader(name -> Optional.ofNullable(Map.of(
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY", roster.toString(),
        "TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT", "0.05",
        "TRAFALGAR_PROJECT_SYNC_INTERVAL", "0").get(name)));
    wire(config, new ShotGridSources(stuck),
        TestInstance.none(), TestInstance.none(), TestInstance.none());
    assertEquals(List.of("from-file"), service.knownProjects());
    never.countDown();
  }

  @Test
  void aFailedSyncKeepsTheRosterFile() throws IOException {
    Path roster = Files.createDirectories(dir.resolve("roster")).resolve("projects.json");
    Files.writeString(roster, "[\"kept\"]");
    ProductionSource down = new Studio() {
      @Override
      public List<String> listProjects() throws SourceException {
        throw new SourceException("timeout");
      }
    };
    ConfigReader config = new ConfigReader(name -> Optional.ofNullable(Map.of(
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY", roster.toString(),
        "TRAFALGAR_PROJECT_SYNC_INTERVAL", "0").get(name)));
    wire(config, new ShotGridSources(down),
        TestInstance.none(), TestInstance.none(), TestInstance.none());
    assertEquals(List.of("kept"), service.knownProjects());
    assertEquals("[\"kept\"]", Files.readString(roster));
  }

  @Test
  void statusAggregatesEveryKnownProjectAndSkipsFailures() {
    studioData();
    start();
    assertJson("""
        {"projects": 4, "shots": 3, "versions": 3, "errors": 0,
         "ingest": {"counts": {"total": 4, "successful": 1, "failed": 2, "running": 1},
                    "last_success_at": "2024-01-01T02:30:00+00:00", "failure_streak": 2,
                    "sample_window": 10},
         "render": {"jobs": 2, "by_status": {"submitted": 2}, "by_farm": {"mock": 2}},
         "review": {"totals": {"projects": 1, "playlists": 1, "clips": 2, "shots": 1,
                               "duration_seconds": 2.0},
                    "projects": [{"project": "alpha", "playlists": 1, "clips": 2, "shots": 1,
                                  "duration_seconds": 2.0}]}}""", service.status());
    ObjectNode metrics = service.metrics();
    assertJson("{\"projects\": 4, \"shots\": 3, \"versions\": 3, \"errors\": 0}",
        metrics.get("status"));
    assertEquals(List.of("status", "ingest", "render", "review"),
        List.copyOf(iterable(metrics.fieldNames())));
    assertTrue(!metrics.get("ingest").has("sample_window"));
    // cached: one fetch per project for both calls
    assertEquals(1, studio.calls("alpha"));
    assertEquals(1, studio.calls("beta"));
  }

  @Test
  void unsatisfiedViewsContributeZerosAndTheEmptyReviewShape() {
    ConfigReader config = new ConfigReader(name -> Optional.ofNullable(Map.of(
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY", dir.resolve("r.json").toString(),
        "TRAFALGAR_PROJECT_SYNC_INTERVAL", "0").get(name)));
    studio.projects = List.of();
    wire(config, new ShotGridSources(studio),
        TestInstance.none(), TestInstance.none(), TestInstance.none());
    assertJson("""
        {"projects": 0, "shots": 0, "versions": 0, "errors": 0,
         "ingest": {"counts": {"total": 0, "successful": 0, "failed": 0, "running": 0},
                    "last_success_at": null, "failure_streak": 0, "sample_window": 10},
         "render": {"jobs": 0, "by_status": {}, "by_farm": {}},
         "review": {"totals": {"projects": 0, "playlists": 0, "clips": 0, "shots": 0,
                               "duration_seconds": 0.0}, "projects": []}}""", service.status());
  }

  @Test
  void projectRoutesMatchKnownProjectsIgnoringCaseAnd404Or502Otherwise() {
    studioData();
    start();
    ObjectNode summary = service.project("ALPHA");
    assertEquals("ALPHA", summary.get("project").asText());
    assertEquals(2, summary.get("versions").asInt());
    assertEquals(1, service.episodes("Alpha").get("episodes").size());

    ApiException missing = assertThrows(ApiException.class, () -> service.project("delta"));
    assertEquals(404, missing.status());
    assertEquals("{\"detail\":\"Project not found\"}", missing.body().toString());

    ApiException failed = assertThrows(ApiException.class, () -> service.episodes("gamma"));
    assertEquals(502, failed.status());
    assertEquals("{\"detail\":\"ShotGrid query failed: HTTP 500\"}", failed.body().toString());

    // expired data is served (at once, while the refetch runs in the background) and still
    // when the refetch fails
    clock.advance(Duration.ofMinutes(10));
    studio.failing.add("alpha");
    assertEquals(2, service.project("alpha").get("versions").asInt());
    caches.versions().settled().join();
    assertEquals(2, studio.calls("alpha"));
    assertEquals(2, service.project("alpha").get("versions").asInt());
  }

  @Test
  void theStatusMemoFollowsRefetchedData() {
    studioData();
    start();
    assertEquals(3, service.status().get("versions").asInt());
    studio.add("beta", "{\"project\": \"beta\", \"shot\": \"sh2\"}");
    assertEquals(3, service.status().get("versions").asInt());
    clock.advance(Duration.ofSeconds(31));
    service.status(); // served at once; starts the background refresh of every expired project
    caches.versions().settled().join();
    assertEquals(4, service.status().get("versions").asInt());
    assertEquals(4, service.metrics().get("status").get("shots").asInt());
  }

  @Test
  void postFlushesEveryBucketAndAppliesClampedSettings() {
    studioData();
    start();
    service.status();
    service.project("alpha");
    JsonNode before = service.cache();
    assertEquals(2, before.get("buckets").get("versions").get("entries").asInt());
    assertEquals("2024-05-20T09:00:30+00:00",
        before.get("buckets").get("versions").get("expires_at").asText());
    assertEquals(1, before.get("buckets").get("review").get("entries").asInt());
    assertEquals(2, before.get("buckets").get("projects").get("entries").asInt());
    assertEquals(4, before.get("buckets").get("ingest_registry").get("entries").asInt());

    clock.advance(Duration.ofSeconds(1));
    ObjectNode after = service.updateCache(Optional.of(Records.json(
        "{\"ttl_seconds\": 1e6, \"max_projects\": 1}")));
    assertEquals(86400.0, after.get("ttl_seconds").doubleValue());
    assertEquals(5000, after.get("max_records").asInt());
    assertEquals(1, after.get("max_projects").asInt());
    for (String name : List.of("versions", "review", "delivery_manifests", "ingest_registry")) {
      JsonNode bucket = after.get("buckets").get(name);
      assertEquals(0, bucket.get("entries").asInt(), after.toString());
      assertTrue(bucket.get("last_refresh_at").isNull(), after.toString());
    }
    // 4.5: the roster is reloaded from its file at once
    assertEquals(2, after.get("buckets").get("projects").get("entries").asInt());
    assertEquals(Timestamps.format(clock.instant()),
        after.get("buckets").get("projects").get("last_refresh_at").asText());
    assertEquals(1, ingest.forgotten.get());

    // the next requests repopulate; the new projects cap now evicts
    service.status();
    JsonNode refilled = service.cache().get("buckets");
    assertEquals(1, refilled.get("versions").get("entries").asInt());
    assertTrue(refilled.get("versions").get("evictions").asInt() >= 1);
    assertEquals(2, refilled.get("projects").get("entries").asInt());
    ingest.lastRead = clock.instant().plusSeconds(1);
    assertEquals(4, service.cache().get("buckets").get("ingest_registry").get("entries").asInt());
  }

  @Test
  void aRejectedBodyChangesNothing() {
    studioData();
    start();
    service.status();
    assertThrows(ApiException.class, () -> service.updateCache(Optional.of(Records.json(
        "{\"max_records\": -1}"))));
    assertEquals(2, service.cache().get("buckets").get("versions").get("entries").asInt());
    assertEquals(0, ingest.forgotten.get());
  }

  @Test
  void concurrentColdMetricsMakeOneUpstreamFetchPerProject() throws Exception {
    studioData();
    studio.failing.clear();
    studio.gate = new CountDownLatch(1);
    start();
    int callers = 64;
    pool = Executors.newFixedThreadPool(callers);
    List<Future<ObjectNode>> answers = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      answers.add(pool.submit(() -> service.metrics()));
    }
    // let the callers pile up on the held fetch, then release it
    Thread.sleep(300);
    studio.gate.countDown();
    ObjectNode first = answers.get(0).get(30, TimeUnit.SECONDS);
    for (Future<ObjectNode> answer : answers) {
      assertEquals(first, answer.get(30, TimeUnit.SECONDS));
    }
    assertEquals(1, studio.calls("alpha"));
    assertEquals(1, studio.calls("beta"));
    assertEquals(1, studio.calls("gamma"));
    assertEquals(3, first.get("status").get("versions").asInt());
  }

  @Test
  void offlineModeCountsTheWholeFileAndSeesChangesAtOnce() {
    OfflineFile file = new OfflineFile();
    file.projects = List.of("alpha", "zeta");
    file.add("alpha", "{\"project\": \"alpha\", \"shot\": \"s1\"}");
    file.add("stray", "{\"project\": \"stray\", \"shot\": \"s9\"}");
    ConfigReader config = new ConfigReader(name -> Optional.ofNullable(Map.of(
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY", dir.resolve("r.json").toString()).get(name)));
    wire(config, new OfflineSources(file),
        TestInstance.none(), TestInstance.none(), TestInstance.none());
    assertEquals(List.of("alpha", "zeta"), service.knownProjects());
    ObjectNode status = service.status();
    // alpha, zeta, stray; every record of the file counts
    assertEquals(3, status.get("projects").asInt());
    assertEquals(2, status.get("versions").asInt());
    assertEquals(2, status.get("shots").asInt());

    file.add("alpha", "{\"project\": \"ALPHA\", \"shot\": \"s2\", \"status\": \"apr\"}");
    assertEquals(3, service.status().get("versions").asInt());
    assertEquals(2, service.project("Alpha").get("versions").asInt());
    assertEquals(1, service.project("stray").get("versions").asInt());
    assertEquals(0, service.project("zeta").get("versions").asInt());
    assertEquals(404, assertThrows(ApiException.class, () -> service.project("Zeta")).status());
    // the dashboard caches stay empty: the file is re-read by the source itself
    assertEquals(0, service.cache().get("buckets").get("versions").get("entries").asInt());
  }

  private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }
}
