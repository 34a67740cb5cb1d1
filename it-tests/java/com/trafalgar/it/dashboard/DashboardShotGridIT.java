package com.trafalgar.it.dashboard;

import static com.trafalgar.it.fakes.FakeShotGrid.forProject;
import static com.trafalgar.it.fakes.FakeShotGrid.search;
import static com.trafalgar.it.fakes.FakeShotGrid.summarize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import com.trafalgar.it.fakes.FakeShotGrid;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in {@code shotgrid} mode over real HTTP against a {@link FakeShotGrid} on a real
 * socket: the startup roster sync and its file, exact figures of {@code /status}, {@code
 * /metrics} and the project routes, one upstream fetch per project however many requests wait
 * (single flight), stale data and 502s while ShotGrid fails, readiness, and the cache buckets.
 *
 * <p>Every test starts from a flushed cache with the class's baseline settings (see {@link
 * #fresh()}), so the tests do not depend on each other's order.
 */
@WarTest
class DashboardShotGridIT {
  static final String TOKEN = "shotgrid-dashboard-it-token";
  static final Path DIR = Path.of("target/it-dashboard-shotgrid").toAbsolutePath();
  /** Two missing levels: the first sync creates them (15). */
  static final Path DATA_DIR = DIR.resolve("data/nested");
  static final Path ROSTER = DATA_DIR.resolve("dashboard-projects.json");
  /** Taken before the server starts: the startup sync and its schedule happen after it. */
  static final Instant BOOT = Instant.now().truncatedTo(ChronoUnit.MICROS);
  /** gamma's project record upstream (archived and restored by one test). */
  static ObjectNode gamma;
  static final FakeShotGrid SHOTGRID = seeded();
  static final long SYNC_INTERVAL = 3600;
  /** For concurrent requests: one connection each, no h2c upgrade for the server to refuse. */
  static final HttpClient HTTP_1_1 =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * Roster upstream: alpha, Beta, gamma active; "Old" archived and "Template" a template (the
   * query filters them out and the fake honours the filter). Known projects, sorted by code
   * point: [Beta, alpha, gamma].
   *
   * <p>alpha (4 versions, 3 shots, episodes EP01 and EP02):
   * <ol>
   *   <li>EP01_SC001_SH0010 v001 "apr" → approved
   *   <li>EP01_SC001_SH0010 v002 "pub" → published, 2024-05-03T10:00:00Z, J. Doe
   *   <li>EP02_SC003_SH0020 v001 " Final " → published, 2024-05-04T10:00+02:00 = 08:00Z, no user
   *   <li>EP02_SC003_SH0030 v003 "WIP" → wip
   * </ol>
   * Beta (4 versions; v003 and v004 are the clips of its playlist "Dailies", status "rev"):
   * sh010 v001 "rev", no shot v002 status null → unknown, sh010 v003 rev, sh020 v004 rev; shots
   * {sh010, sh020} = 2. gamma: no versions (the count of 0 skips the search). Old: 1 version,
   * never fetched (not a known project).
   *
   * <p>Overall: projects 3, shots 3 + 2 = 5, versions 4 + 4 + 0 = 8. Review: Beta has
   * "Animatics" (no clips) and "Dailies" (48/24 = 2.0 s + 12/24 = 0.5 s, shots sh010, sh020);
   * alpha and gamma have no playlists → totals projects 3, playlists 2, clips 2, shots 0 + 2 =
   * 2, duration 2.5.
   */
  static FakeShotGrid seeded() {
    FakeShotGrid shotgrid = FakeShotGrid.start();
    gamma = shotgrid.project("gamma");
    shotgrid.project("alpha");
    shotgrid.project("Old", true, false);
    shotgrid.project("Template", false, true);
    shotgrid.project("Beta");

    updated(shotgrid.version("alpha", "v001", "EP01_SC001_SH0010", "apr", "M. Silva"),
        "2024-05-02T10:00:00Z");
    updated(shotgrid.version("alpha", "v002", "EP01_SC001_SH0010", "pub", "J. Doe"),
        "2024-05-03T10:00:00Z");
    updated(shotgrid.version("alpha", "v001", "EP02_SC003_SH0020", " Final ", null),
        "2024-05-04T10:00:00+02:00");
    shotgrid.version("alpha", "v003", "EP02_SC003_SH0030", "WIP", "M. Silva");

    shotgrid.version("Beta", "v001", "sh010", "rev", "A. Kwan");
    ((ObjectNode) shotgrid.version("Beta", "v002", null, "x", null).get("attributes"))
        .putNull("sg_status_list");
    shotgrid.playlist("Beta", "Animatics");
    ObjectNode dailies = shotgrid.playlist("Beta", "Dailies");
    shotgrid.clip(dailies, "v003", "sh010", "A. Kwan", "/mnt/beta/sh010_v003.mov", "1-48", 48, 24);
    shotgrid.clip(dailies, "v004", "sh020", null, "/mnt/beta/sh020_v004.mov", "1-12", 12, 24);

    shotgrid.version("Old", "v001", "sh999", "apr", "Nobody");
    return shotgrid;
  }

  private static void updated(ObjectNode version, String at) {
    ((ObjectNode) version.get("attributes")).put("updated_at", at);
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    Deployments.freshDirectory(DIR);
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "ONEPIECE_SHOTGRID_URL", SHOTGRID.url(),
        "SHOTGRID_SCRIPT", FakeShotGrid.SCRIPT,
        "SHOTGRID_KEY", FakeShotGrid.KEY,
        "TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT", "5",
        "TRAFALGAR_DATA_DIR", DATA_DIR.toString(),
        "TRAFALGAR_PROJECT_SYNC_INTERVAL", Long.toString(SYNC_INTERVAL),
        "ONEPIECE_DASHBOARD_CACHE_TTL", "600",
        "ONEPIECE_INGEST_REGISTRY", DIR.resolve("no-ingest-registry.json").toString());
  }

  @AfterAll
  static void stopShotGrid() {
    SHOTGRID.close();
  }

  @ArquillianResource Http http;
  Instant lastAdminAt = Instant.EPOCH;

  @BeforeEach
  void fresh() throws Exception {
    SHOTGRID.clearFailures();
    Http.Answer reset =
        admin("{\"ttl_seconds\": 600, \"max_records\": 5000, \"max_projects\": 50}");
    assertEquals(200, reset.status(), reset.body());
    awaitSyncedRoster();
  }

  // ---------------------------------------------------------------- roster and page

  @Test
  void startupSyncWritesTheSortedActiveRoster() throws Exception {
    assertTrue(Files.exists(ROSTER), "the sync creates the missing directories and the file");
    String text = Files.readString(ROSTER);
    JsonNode roster = Http.JSON.readTree(text);
    assertEquals(List.of("projects", "synced_at"), fieldNames(roster));
    assertEquals(json("[\"Beta\", \"alpha\", \"gamma\"]"), roster.get("projects"));
    Instant syncedAt = instant(roster.get("synced_at"));
    assertTrue(!syncedAt.isBefore(BOOT) && !syncedAt.isAfter(Instant.now()), text);
    assertTrue(text.startsWith("{\n  \"projects\""), "2-space JSON, sorted keys: " + text);

    // the fake was asked for active, non-template projects (and honoured it: Old, Template out)
    FakeShotGrid.Request query = SHOTGRID.requests().stream().filter(search("projects"))
        .findFirst().orElseThrow();
    JsonNode filters = query.json().get("filters");
    assertTrue(filters.toString().contains("[\"archived\",\"is\",false]"), filters.toString());
    assertTrue(filters.toString().contains("[\"is_template\",\"is\",false]"), filters.toString());

    Http.Answer page = http.get("/");
    assertEquals(200, page.status());
    assertTrue(page.body().contains(
        "data-projects=\"[&quot;Beta&quot;, &quot;alpha&quot;, &quot;gamma&quot;]\""),
        page.body());
    assertTrue(page.body().contains("href=\"/projects/Beta\""), page.body());
  }

  @Test
  void aSyncPrunesAProjectArchivedUpstream() throws Exception {
    try {
      setArchived(true);
      assertEquals(200, admin("").status());
      awaitRoster(2);
      awaitRosterFile(json("[\"Beta\", \"alpha\"]"));
      // gamma has no versions: no longer known, so not found
      assertEquals(404, http.get("/projects/gamma").status());
      assertEquals(2, http.get("/status").json().get("projects").asInt());
    } finally {
      setArchived(false);
      assertEquals(200, admin("").status());
      awaitRoster(3);
    }
    awaitRosterFile(json("[\"Beta\", \"alpha\", \"gamma\"]"));
  }

  /**
   * Waits for the roster file to hold {@code projects}: a sync serves its roster from memory an
   * instant before it has rewritten the file.
   */
  private static void awaitRosterFile(JsonNode projects) throws Exception {
    JsonNode written = null;
    for (int i = 0; i < 100; i++) {
      written = Http.JSON.readTree(Files.readString(ROSTER)).get("projects");
      if (projects.equals(written)) {
        return;
      }
      Thread.sleep(100);
    }
    assertEquals(projects, written);
  }

  @Test
  void aFlushAnswersWithTheRosterFileWhileTheSyncRuns() throws Exception {
    String synced = Files.readString(ROSTER);
    try {
      Files.writeString(ROSTER, "{\"projects\": [\"Edited by hand\"], \"synced_at\": null}");
      SHOTGRID.when(search("projects")).delay(Duration.ofSeconds(3)).times(1);
      Http.Answer flushed = admin("");
      assertEquals(200, flushed.status(), flushed.body());
      JsonNode projects = flushed.json().get("buckets").get("projects");
      assertEquals(1, projects.get("entries").asInt(), flushed.body());
      assertFalse(projects.get("last_refresh_at").isNull(), flushed.body());
      assertTrue(http.get("/").body().contains("Edited by hand"),
          "the page lists the file's roster while the sync is still running");
    } finally {
      awaitSyncedRoster();
    }
    assertEquals(Http.JSON.readTree(synced).get("projects"),
        Http.JSON.readTree(Files.readString(ROSTER)).get("projects"));
  }

  private static void setArchived(boolean archived) {
    synchronized (SHOTGRID) { // the fake answers under its own lock
      ((ObjectNode) gamma.get("attributes")).put("archived", archived);
    }
  }

  // ---------------------------------------------------------------- figures

  @Test
  void statusAndMetricsCountTheVersionsOfEveryKnownProject() throws Exception {
    JsonNode review = json("""
        {"totals": {"projects": 3, "playlists": 2, "clips": 2, "shots": 2,
                    "duration_seconds": 2.5},
         "projects": [
           {"project": "Beta", "playlists": 2, "clips": 2, "shots": 2, "duration_seconds": 2.5},
           {"project": "alpha", "playlists": 0, "clips": 0, "shots": 0, "duration_seconds": 0.0},
           {"project": "gamma", "playlists": 0, "clips": 0, "shots": 0,
            "duration_seconds": 0.0}]}""");

    Http.Answer status = http.get("/status");
    assertEquals(200, status.status(), status.body());
    JsonNode body = status.json();
    assertEquals(3, body.get("projects").asInt());
    assertEquals(5, body.get("shots").asInt());
    assertEquals(8, body.get("versions").asInt());
    assertEquals(0, body.get("errors").asInt());
    assertEquals(review, body.get("review"));
    assertEquals(json("{\"jobs\": 0, \"by_status\": {}, \"by_farm\": {}}"), body.get("render"));
    assertTrue(status.body().contains("\"duration_seconds\":0.0"), status.body());

    Http.Answer metrics = metrics();
    assertEquals(200, metrics.status(), metrics.body());
    assertEquals(List.of("status", "ingest", "render", "review"), fieldNames(metrics.json()));
    assertEquals(json("{\"projects\": 3, \"shots\": 5, \"versions\": 8, \"errors\": 0}"),
        metrics.json().get("status"));
    assertEquals(review, metrics.json().get("review"));
    assertEquals(401, http.get("/metrics").status());
  }

  @Test
  void projectRoutesMatchIgnoringCase() throws Exception {
    // published: #3 (08:00Z on 05-04) before #2 (10:00Z on 05-03)
    Http.Answer alpha = http.get("/projects/ALPHA");
    assertEquals(200, alpha.status(), alpha.body());
    assertEquals(json("""
        {"project": "ALPHA", "episodes": 2, "shots": 3, "versions": 4, "approved_versions": 1,
         "status_totals": {"approved": 1, "published": 2, "wip": 1},
         "latest_published": [
           {"shot": "EP02_SC003_SH0020", "version": "v001", "user": null,
            "timestamp": "2024-05-04T08:00:00+00:00"},
           {"shot": "EP01_SC001_SH0010", "version": "v002", "user": "J. Doe",
            "timestamp": "2024-05-03T10:00:00+00:00"}]}"""), alpha.json());

    // EP01: one shot, #1 approved + #2 published; EP02: two shots, #3 published + #4 wip
    Http.Answer episodes = http.get("/projects/Alpha/episodes");
    assertEquals(200, episodes.status(), episodes.body());
    assertEquals(json("""
        {"project": "Alpha",
         "episodes": [
           {"episode": "EP01", "shots": 1, "versions": 2,
            "status_counts": {"approved": 1, "published": 1}},
           {"episode": "EP02", "shots": 2, "versions": 2,
            "status_counts": {"published": 1, "wip": 1}}],
         "status_totals": {"approved": 1, "published": 2, "wip": 1}}"""), episodes.json());

    // Beta: the shot is the episode when it has no "_"; the shot-less version is unassigned
    Http.Answer beta = http.get("/projects/beta/episodes");
    assertEquals(200, beta.status(), beta.body());
    assertEquals(json("""
        {"project": "beta",
         "episodes": [
           {"episode": "sh010", "shots": 1, "versions": 2, "status_counts": {"rev": 2}},
           {"episode": "sh020", "shots": 1, "versions": 1, "status_counts": {"rev": 1}},
           {"episode": "unassigned", "shots": 0, "versions": 1,
            "status_counts": {"unknown": 1}}],
         "status_totals": {"rev": 3, "unknown": 1}}"""), beta.json());

    Http.Answer gamma = http.get("/projects/gamma");
    assertEquals(200, gamma.status(), gamma.body());
    assertEquals(json("""
        {"project": "gamma", "episodes": 0, "shots": 0, "versions": 0, "approved_versions": 0,
         "status_totals": {}, "latest_published": []}"""), gamma.json());

    // Old exists upstream but is archived: not known, never asked for
    Http.Answer old = http.get("/projects/Old");
    assertEquals(404, old.status());
    assertEquals(json("{\"detail\": \"Project not found\"}"), old.json());
    assertEquals(0, SHOTGRID.count(forProject("Old")));
  }

  // ---------------------------------------------------------------- upstream protection

  @Test
  void concurrentColdRequestsShareOneFetchPerProject() throws Exception {
    // alpha's count answers slowly, so the requests pile up on the fetch in flight
    SHOTGRID.when(summarize("versions").and(forProject("alpha")))
        .delay(Duration.ofSeconds(2)).times(1);
    Map<String, Integer> before = fetches();

    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(HTTP_1_1.sendAsync(metricsRequest(), HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertEquals(200, answer.get().statusCode(), answer.get().body());
      assertEquals(json("{\"projects\": 3, \"shots\": 5, \"versions\": 8, \"errors\": 0}"),
          json(answer.get().body()).get("status"));
    }
    // one count per project, one search where the count is not 0 (gamma has none), one
    // playlist listing per project for the review summary
    assertEquals(Map.of("alpha count", 1, "alpha search", 1, "alpha playlists", 1,
        "Beta count", 1, "Beta search", 1, "Beta playlists", 1,
        "gamma count", 1, "gamma search", 0, "gamma playlists", 1), minus(fetches(), before));

    // a flush, then one request: exactly one new fetch per project
    assertEquals(200, admin("").status());
    awaitSyncedRoster();
    before = fetches();
    assertEquals(200, metrics().status());
    assertEquals(Map.of("alpha count", 1, "alpha search", 1, "alpha playlists", 1,
        "Beta count", 1, "Beta search", 1, "Beta playlists", 1,
        "gamma count", 1, "gamma search", 0, "gamma playlists", 1), minus(fetches(), before));
    // and a second request is served from the cache
    before = fetches();
    assertEquals(200, metrics().status());
    assertEquals(0, minus(fetches(), before).values().stream().mapToInt(i -> i).sum());
  }

  @Test
  void aRequestAfterAFlushDoesNotJoinAFetchStartedBeforeIt() throws Exception {
    SHOTGRID.when(summarize("versions").and(forProject("alpha")))
        .delay(Duration.ofSeconds(2)).times(1);
    int alphaCounts = SHOTGRID.count(summarize("versions").and(forProject("alpha")));
    CompletableFuture<HttpResponse<String>> early =
        HTTP_1_1.sendAsync(metricsRequest(), HttpResponse.BodyHandlers.ofString());
    while (SHOTGRID.count(summarize("versions").and(forProject("alpha"))) == alphaCounts) {
      Thread.sleep(20); // until alpha's slow count has reached the fake
    }
    assertEquals(200, admin("").status());
    awaitSyncedRoster();

    // answered by a new fetch of alpha while the old one still waits on the fake
    Http.Answer late = metrics();
    assertEquals(200, late.status(), late.body());
    assertEquals(200, early.join().statusCode());
    assertEquals(2, SHOTGRID.count(summarize("versions").and(forProject("alpha"))) - alphaCounts);
    // and that fetch was cached: the next request asks the fake nothing
    assertEquals(3, cache().get("buckets").get("versions").get("entries").asInt());
    Map<String, Integer> before = fetches();
    assertEquals(200, metrics().status());
    assertEquals(before, fetches());
  }

  // ---------------------------------------------------------------- ShotGrid failing

  @Test
  void failingShotGridWithNothingCachedGives502AndReadinessDown() throws Exception {
    failVersionsOf("alpha");

    Http.Answer summary = http.get("/projects/alpha");
    assertEquals(502, summary.status(), summary.body());
    assertEquals(json("{\"detail\": \"ShotGrid query failed: HTTP 503\"}"), summary.json());
    assertFalse(summary.body().contains(FakeShotGrid.KEY));
    Http.Answer episodes = http.get("/projects/alpha/episodes");
    assertEquals(502, episodes.status(), episodes.body());
    assertEquals(json("{\"detail\": \"ShotGrid query failed: HTTP 503\"}"), episodes.json());

    Http.Answer down = http.health("/health/ready");
    assertEquals(503, down.status(), down.body());
    assertEquals(json("{\"name\": \"shotgrid\", \"status\": \"DOWN\", \"data\": {\"mode\": "
        + "\"shotgrid\"}}"), shotgridCheck(down.json()));

    // /metrics still answers; alpha contributes nothing: Beta's 4 versions and 2 shots remain
    Http.Answer metrics = metrics();
    assertEquals(200, metrics.status(), metrics.body());
    assertEquals(json("{\"projects\": 3, \"shots\": 2, \"versions\": 4, \"errors\": 0}"),
        metrics.json().get("status"));

    SHOTGRID.clearFailures();
    assertEquals(200, http.get("/projects/alpha").status());
    Http.Answer up = http.health("/health/ready");
    assertEquals("UP", shotgridCheck(up.json()).get("status").asText(), up.body());
  }

  @Test
  void failingShotGridServesExpiredDataStale() throws Exception {
    assertEquals(200, admin("{\"ttl_seconds\": 1}").status());
    awaitSyncedRoster();
    Http.Answer cached = http.get("/projects/alpha");
    assertEquals(200, cached.status(), cached.body());

    failVersionsOf("alpha");
    awaitExpiry(Instant.now(), 1);
    int failedBefore = SHOTGRID.count(versionsOf("alpha"));

    // answered at once from the expired entry (dashboard.md, refresh without waiting) ...
    Http.Answer stale = http.get("/projects/alpha");
    assertEquals(200, stale.status(), stale.body());
    assertEquals(cached.json(), stale.json());
    // ... while the read's refetch runs in the background: the first attempt and 3 retries
    // (Retry-After: 0), all 503, and readiness follows the failure
    awaitUpstream(() -> SHOTGRID.count(versionsOf("alpha")) - failedBefore >= 4);
    awaitShotGridCheck("DOWN");
    assertEquals(4, SHOTGRID.count(versionsOf("alpha")) - failedBefore);

    Http.Answer metrics = metrics();
    assertEquals(200, metrics.status(), metrics.body());
    assertEquals(json("{\"projects\": 3, \"shots\": 5, \"versions\": 8, \"errors\": 0}"),
        metrics.json().get("status"));

    SHOTGRID.clearFailures();
    assertEquals(cached.json(), http.get("/projects/alpha").json());
    awaitShotGridCheck("UP");
    awaitQuietUpstream();
  }

  @Test
  void shotGridFailingEverywhereStillAnswersFromExpiredEntries() throws Exception {
    assertEquals(200, admin("{\"ttl_seconds\": 1}").status());
    awaitSyncedRoster();
    Http.Answer filled = metrics();
    assertEquals(200, filled.status(), filled.body());
    Instant filledBy = Instant.now();

    SHOTGRID.when(request -> true).status(500).retryAfter("0");
    awaitExpiry(filledBy, 1);
    int failing = SHOTGRID.requests().size();

    // every versions and review entry is served as it was, refetched in the background, fails,
    // and is kept
    Http.Answer stale = metrics();
    assertEquals(200, stale.status(), stale.body());
    assertEquals(filled.json().get("status"), stale.json().get("status"));
    assertEquals(filled.json().get("review"), stale.json().get("review"));
    awaitUpstream(() -> SHOTGRID.requests().size() > failing);
    awaitShotGridCheck("DOWN");
    Http.Answer alpha = http.get("/projects/alpha");
    assertEquals(200, alpha.status(), alpha.body());
    assertEquals(4, alpha.json().get("versions").asInt());

    // a project cached nowhere (after a flush whose sync fails too) answers 502
    String rosterFile = Files.readString(ROSTER);
    assertEquals(200, admin("").status());
    Http.Answer uncached = http.get("/projects/Beta");
    assertEquals(502, uncached.status(), uncached.body());
    assertEquals(json("{\"detail\": \"ShotGrid query failed: HTTP 500\"}"), uncached.json());
    // the failed sync kept the roster and its file
    assertEquals(rosterFile, Files.readString(ROSTER));
    awaitQuietUpstream();
  }

  // ---------------------------------------------------------------- cache admin

  @Test
  void cacheBucketsDescribeWhatWasFetched() throws Exception {
    Http.Answer flushed = admin("");
    assertEquals(200, flushed.status());
    for (String name : List.of("versions", "review", "delivery_manifests", "ingest_registry")) {
      assertEquals(0, flushed.json().get("buckets").get(name).get("entries").asInt(),
          flushed.body());
    }
    // 4.5: the roster file (written by the last sync) is reloaded at once
    assertEquals(3, flushed.json().get("buckets").get("projects").get("entries").asInt(),
        flushed.body());
    awaitSyncedRoster();
    JsonNode previous = cache();
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
    assertEquals(200, metrics().status());
    Instant after = Instant.now();

    JsonNode cache = cache();
    assertEquals(600.0, cache.get("ttl_seconds").asDouble());
    assertTrue(cache.get("ttl_seconds").isDouble(), cache.toString());
    assertEquals(5000, cache.get("max_records").asInt());
    assertEquals(50, cache.get("max_projects").asInt());
    for (String name : List.of("versions", "review")) {
      JsonNode bucket = cache.get("buckets").get(name);
      assertEquals(3, bucket.get("entries").asInt(), name + ": Beta, alpha, gamma");
      Instant refreshed = instant(bucket.get("last_refresh_at"));
      assertTrue(!refreshed.isBefore(before) && !refreshed.isAfter(after), bucket.toString());
      Instant expires = instant(bucket.get("expires_at"));
      assertTrue(!expires.isBefore(before.plusSeconds(600))
          && !expires.isAfter(after.plusSeconds(600)), bucket.toString());
      assertEquals(previous.get("buckets").get(name).get("evictions"), bucket.get("evictions"));
    }
    JsonNode projects = cache.get("buckets").get("projects");
    assertEquals(3, projects.get("entries").asInt());
    assertTrue(!instant(projects.get("last_refresh_at")).isAfter(after), projects.toString());
    // the next periodic sync: SYNC_INTERVAL after the server started
    Instant nextSync = instant(projects.get("expires_at"));
    assertTrue(!nextSync.isBefore(BOOT.plusSeconds(SYNC_INTERVAL))
        && !nextSync.isAfter(after.plusSeconds(SYNC_INTERVAL)), projects.toString());
    assertEquals(json("{\"entries\": 0, \"last_refresh_at\": null, \"expires_at\": null, "
        + "\"evictions\": 0}"), cache.get("buckets").get("delivery_manifests"));
    assertTrue(cache.get("buckets").get("ingest_registry").get("expires_at").isNull());

    // a cap of one project: storing Beta, alpha, gamma in turn evicts two in each bucket
    Http.Answer capped = admin("{\"max_projects\": 1}");
    assertEquals(1, capped.json().get("max_projects").asInt());
    awaitSyncedRoster();
    assertEquals(json("{\"projects\": 3, \"shots\": 5, \"versions\": 8, \"errors\": 0}"),
        metrics().json().get("status"));
    JsonNode after1 = cache();
    for (String name : List.of("versions", "review")) {
      JsonNode bucket = after1.get("buckets").get(name);
      assertEquals(1, bucket.get("entries").asInt(), bucket.toString());
      assertEquals(cache.get("buckets").get(name).get("evictions").asLong() + 2,
          bucket.get("evictions").asLong(), bucket.toString());
    }

    // a records cap of 3: alpha and Beta (4 records each) are served but never cached, gamma
    // (0 records) is; nothing is evicted for it
    assertEquals(200, admin("{\"max_projects\": 50, \"max_records\": 3}").status());
    awaitSyncedRoster();
    assertEquals(json("{\"projects\": 3, \"shots\": 5, \"versions\": 8, \"errors\": 0}"),
        metrics().json().get("status"));
    JsonNode recordsCapped = cache().get("buckets").get("versions");
    assertEquals(1, recordsCapped.get("entries").asInt(), recordsCapped.toString());
    assertEquals(after1.get("buckets").get("versions").get("evictions"),
        recordsCapped.get("evictions"));
    Map<String, Integer> beforeAgain = fetches();
    assertEquals(200, metrics().status());
    Map<String, Integer> again = minus(fetches(), beforeAgain);
    assertEquals(1, again.get("alpha search"));
    assertEquals(1, again.get("Beta search"));
    assertEquals(0, again.get("gamma count"));
  }

  // ---------------------------------------------------------------- helpers

  private HttpRequest metricsRequest() {
    return http.request("/metrics", Http.bearer(TOKEN)).timeout(Duration.ofSeconds(120))
        .GET().build();
  }

  private Http.Answer metrics() {
    return http.get("/metrics", Http.bearer(TOKEN));
  }

  private JsonNode cache() {
    Http.Answer answer = http.get("/admin/cache", Http.bearer(TOKEN));
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  private Http.Answer admin(String body) {
    lastAdminAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return body.isEmpty()
        ? http.post("/admin/cache", "", Http.bearer(TOKEN))
        : http.postJson("/admin/cache", body, Http.bearer(TOKEN));
  }

  /**
   * Waits for the background sync the last {@code POST /admin/cache} started to have rewritten the
   * roster file, so its successful ShotGrid call cannot land between a test's failing call and its
   * readiness check. (The flush itself reloads the file at once, so the roster's size alone does
   * not tell that the sync is done.)
   */
  private void awaitSyncedRoster() throws Exception {
    for (int i = 0; i < 300; i++) {
      if (Files.exists(ROSTER)) {
        JsonNode syncedAt = Http.JSON.readTree(Files.readString(ROSTER)).get("synced_at");
        if (syncedAt != null && syncedAt.isTextual()
            && !instant(syncedAt).isBefore(lastAdminAt)) {
          awaitRoster(3);
          return;
        }
      }
      Thread.sleep(100);
    }
    fail("the roster was not synced again after the flush: " + cache());
  }

  private void awaitRoster(int projects) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (cache().get("buckets").get("projects").get("entries").asInt() == projects) {
        return;
      }
      Thread.sleep(100);
    }
    fail("the roster was not synced again after the flush: " + cache());
  }

  /**
   * Sleeps until every entry fetched before {@code filledBy} has expired under a TTL of {@code
   * ttlSeconds} (the server's clock is ours).
   */
  private static void awaitExpiry(Instant filledBy, long ttlSeconds) throws InterruptedException {
    Instant expired = filledBy.plusSeconds(ttlSeconds).plusMillis(100);
    while (!Instant.now().isAfter(expired)) {
      Thread.sleep(50);
    }
  }

  /** Waits (up to 30 s) for the fake to have seen what the background refetches ask. */
  private static void awaitUpstream(java.util.function.BooleanSupplier seen)
      throws InterruptedException {
    for (int i = 0; i < 600 && !seen.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertTrue(seen.getAsBoolean(), "the background refetch reached the fake: "
        + SHOTGRID.requests().size() + " requests");
  }

  /** Waits (up to 30 s) for the readiness check {@code shotgrid} to say {@code status}. */
  private void awaitShotGridCheck(String status) throws InterruptedException {
    Http.Answer ready = http.health("/health/ready");
    for (int i = 0; i < 600 && !status.equals(shotgridCheck(ready.json()).get("status").asText());
        i++) {
      Thread.sleep(50);
      ready = http.health("/health/ready");
    }
    assertEquals(status, shotgridCheck(ready.json()).get("status").asText(), ready.body());
  }

  /**
   * Waits until the fake has had no request for 500 ms: the background refetches a test with a
   * TTL of 1 s started are done, so none reaches the fake during the next test's counts.
   */
  private static void awaitQuietUpstream() throws InterruptedException {
    int seen = -1;
    for (int i = 0; i < 120 && SHOTGRID.requests().size() != seen; i++) {
      seen = SHOTGRID.requests().size();
      Thread.sleep(500);
    }
  }

  private static Predicate<FakeShotGrid.Request> versionsOf(String project) {
    return request -> "versions".equals(request.entity()) && project.equals(request.project());
  }

  /** Counts and searches of the project's versions answer 503 (retries come at once). */
  private static void failVersionsOf(String project) {
    SHOTGRID.when(versionsOf(project)).status(503).retryAfter("0");
  }

  /**
   * Upstream fetches so far per project: versions counts, versions searches and playlist
   * listings. A search pages until an empty page, so each search is counted by its first page.
   */
  private static Map<String, Integer> fetches() {
    Predicate<FakeShotGrid.Request> firstPage = request -> request.page() == 1;
    Map<String, Integer> counts = new TreeMap<>();
    for (String project : List.of("alpha", "Beta", "gamma")) {
      counts.put(project + " count",
          SHOTGRID.count(summarize("versions").and(forProject(project))));
      counts.put(project + " search",
          SHOTGRID.count(search("versions").and(forProject(project)).and(firstPage)));
      counts.put(project + " playlists",
          SHOTGRID.count(search("playlists").and(forProject(project)).and(firstPage)));
    }
    return counts;
  }

  private static Map<String, Integer> minus(Map<String, Integer> now, Map<String, Integer> then) {
    Map<String, Integer> delta = new TreeMap<>();
    now.forEach((key, value) -> delta.put(key, value - then.get(key)));
    return delta;
  }

  private static JsonNode shotgridCheck(JsonNode health) {
    for (JsonNode check : health.get("checks")) {
      if (check.get("name").asText().equals("shotgrid")) {
        return check;
      }
    }
    throw new AssertionError("no shotgrid check in " + health);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Instant instant(JsonNode text) {
    assertTrue(text.isTextual() && text.asText().endsWith("+00:00"), String.valueOf(text));
    return OffsetDateTime.parse(text.asText()).toInstant();
  }

  private static JsonNode json(String text) throws IOException {
    return Http.JSON.readTree(text);
  }
}
