package com.trafalgar.it.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The dashboard without a data source (mode {@code none}) over real HTTP and real files: zeros
 * and empty shapes, known projects from the settings and the roster file, the cache admin
 * (validation, flush, clamping), the reconcile report, deliveries (encoded slashes, {@code
 * manifest_api} with and without the token, 404s) and the page.
 */
@WarTest
class DashboardFilesIT {
  static final String TOKEN = "files-it-token";
  static final Path DIR = Path.of("target/it-dashboard-files").toAbsolutePath();
  static final Path REPORT = DIR.resolve("reconcile.json");
  static final Path DELIVERIES = DIR.resolve("deliveries");

  @Deployment(testable = false)
  static WebArchive deployment() throws IOException {
    Deployments.freshDirectory(DIR);
    Files.writeString(DIR.resolve("roster.json"), "[\"alpha beta\", \"Zeta\", \"\", \"Zeta\"]");
    Files.writeString(REPORT, """
        {"shotgrid": [{"shot": "EP01", "version_number": 1}, {"shot": "ep01", "version": "v002"}],
         "filesystem": [{"shot": "ep01", "version": "v001", "path": "/mnt/renders/ep01/a.mov"},
                        {"shot": "ep02", "version": "v004", "path": "/mnt/renders/ep02/b.mov"}],
         "s3": null}""");
    delivery("alpha beta", "d-old", """
        {"name": "Old batch", "created_at": "2024-05-01T10:00:00+02:00", "archive": "old.zip",
         "files": [{"path": "a/b.mov", "size": 10, "checksum": "c1", "codec": "ProRes"}, "x"]}""");
    delivery("alpha beta", "d-new", """
        [{"path": "n.exr", "size": 1, "checksum": "c2"}]""");
    Files.setLastModifiedTime(DELIVERIES.resolve("alpha beta/d-new/manifest.json"),
        FileTime.from(Instant.parse("2024-05-20T09:15:00Z")));
    delivery("alpha beta", ".hidden", "[]");
    delivery("Zeta", "broken", "{");
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "ONEPIECE_DASHBOARD_PROJECTS", " gamma/delta ,, ",
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY", DIR.resolve("roster.json").toString(),
        "ONEPIECE_DASHBOARD_CACHE_TTL", "100000",
        "ONEPIECE_DASHBOARD_CACHE_MAX_RECORDS", "-3",
        "ONEPIECE_DASHBOARD_CACHE_MAX_PROJECTS", "2.5",
        "TRAFALGAR_RECONCILE_REPORT", REPORT.toString(),
        "TRAFALGAR_DELIVERIES_ROOT", DELIVERIES.toString(),
        "ONEPIECE_INGEST_REGISTRY", DIR.resolve("no-ingest-registry.json").toString());
  }

  private static void delivery(String project, String id, String manifest) throws IOException {
    Path dir = Files.createDirectories(DELIVERIES.resolve(project).resolve(id));
    Files.writeString(dir.resolve("manifest.json"), manifest);
  }

  @ArquillianResource Http http;

  private static JsonNode json(String text) {
    try {
      return Http.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode ok(String path, String... headers) {
    Http.Answer answer = http.get(path, headers);
    assertEquals(200, answer.status(), path + ": " + answer.body());
    assertEquals("application/json", answer.mediaType(), path);
    return answer.json();
  }

  static final String MISMATCHES = """
      [{"type": "missing_in_fs", "shot": "ep01", "expected": "v002", "source": "shotgrid"},
       {"type": "version_mismatch", "shot": "ep01", "expected": "v002", "found": "v001"},
       {"type": "orphan_in_fs", "shot": "ep02", "found": "v004",
        "path": "/mnt/renders/ep02/b.mov", "source": "filesystem"}]""";

  @Test
  void statusHasZerosAndEmptyShapesWithoutASource() {
    String empty = """
        {"projects": 3, "shots": 0, "versions": 0, "errors": 3,
         "ingest": {"counts": {"total": 0, "successful": 0, "failed": 0, "running": 0},
                    "last_success_at": null, "failure_streak": 0, "sample_window": 10},
         "render": {"jobs": 0, "by_status": {}, "by_farm": {}},
         "review": {"totals": {"projects": 0, "playlists": 0, "clips": 0, "shots": 0,
                               "duration_seconds": 0.0}, "projects": []}}""";
    Http.Answer status = http.get("/status/");
    assertEquals(200, status.status());
    assertEquals(json(empty), status.json());
    assertTrue(status.body().contains("\"duration_seconds\":0.0"), status.body());

    JsonNode metrics = ok("/metrics", Http.bearer(TOKEN));
    assertEquals(json("{\"projects\": 3, \"shots\": 0, \"versions\": 0, \"errors\": 3}"),
        metrics.get("status"));
    assertEquals(json("{\"counts\": {\"total\": 0, \"successful\": 0, \"failed\": 0,"
        + " \"running\": 0}, \"last_success_at\": null, \"failure_streak\": 0}"),
        metrics.get("ingest"));
    assertEquals(status.json().get("render"), metrics.get("render"));
    assertEquals(status.json().get("review"), metrics.get("review"));
    assertEquals(4, metrics.size());
  }

  @Test
  void knownProjectsAnswerWithZerosOthersAre404() {
    assertEquals(json("""
        {"project": "gamma/delta", "episodes": 0, "shots": 0, "versions": 0,
         "approved_versions": 0, "status_totals": {}, "latest_published": []}"""),
        ok("/projects/gamma%2Fdelta"));
    assertEquals(json("{\"project\": \"Zeta\", \"episodes\": [], \"status_totals\": {}}"),
        ok("/projects/Zeta/episodes"));
    assertEquals(200, http.get("/projects/alpha%20beta").status());
    for (String path : new String[] {"/projects/zeta", "/projects/GAMMA%2Fdelta/episodes",
        "/projects/unknown"}) {
      Http.Answer missing = http.get(path);
      assertEquals(404, missing.status(), path);
      assertEquals(json("{\"detail\": \"Project not found\"}"), missing.json());
    }
  }

  @Test
  void reconciliationMismatchesAndTheirSummary() throws IOException {
    assertEquals(json(MISMATCHES), ok("/errors"));
    assertEquals(json("""
        [{"type": "missing_in_fs", "path": "", "count": 1, "shots": ["ep01"]},
         {"type": "orphan_in_fs", "path": "/mnt/renders/ep02/b.mov", "count": 1,
          "shots": ["ep02"]},
         {"type": "version_mismatch", "path": "", "count": 1, "shots": ["ep01"]}]"""),
        ok("/errors/summary"));

    // a half-written report keeps the last good content; never a 5xx
    String good = Files.readString(REPORT);
    try {
      Files.writeString(REPORT, "{\"shotgrid\": [");
      assertEquals(json(MISMATCHES), ok("/errors"));
      Files.writeString(REPORT, "{\"s3\": [], \"shotgrid\": [{\"shot\": \"x\", \"version\": 3}]}");
      assertEquals(json("""
          [{"type": "missing_in_fs", "shot": "x", "expected": "v003", "source": "shotgrid"},
           {"type": "missing_in_s3", "shot": "x", "expected": "v003", "source": "shotgrid"}]"""),
          ok("/errors"));
    } finally {
      Files.writeString(REPORT, good);
    }
    assertEquals(3, ok("/errors").size());
  }

  @Test
  void deliveriesNewestFirstWithLinksOnlyForTheToken() {
    JsonNode plain = ok("/deliveries/alpha%20beta");
    assertEquals(json("""
        [{"project": "alpha beta", "name": "d-new", "archive": null,
          "manifest": "alpha beta/d-new/manifest.json", "delivery_id": "d-new",
          "created_at": "2024-05-20T09:15:00+00:00",
          "items": [{"path": "n.exr", "size": 1, "checksum": "c2"}], "file_count": 1},
         {"project": "alpha beta", "name": "Old batch", "archive": "old.zip",
          "manifest": "alpha beta/d-old/manifest.json", "delivery_id": "d-old",
          "created_at": "2024-05-01T08:00:00+00:00",
          "items": [{"path": "a/b.mov", "size": 10, "checksum": "c1", "codec": "ProRes"}],
          "file_count": 1}]"""), plain);
    JsonNode linked = ok("/deliveries/alpha%20beta", Http.bearer(TOKEN));
    assertEquals("/deliveries/alpha%20beta/d-new", linked.get(0).get("manifest_api").asText());
    assertEquals("/deliveries/alpha%20beta/d-old", linked.get(1).get("manifest_api").asText());
    assertFalse(ok("/deliveries/alpha%20beta", Http.bearer("nope")).get(0).has("manifest_api"));
    assertFalse(ok("/deliveries/alpha%20beta", "Authorization", "Bearer").get(0)
        .has("manifest_api"));

    for (String path : new String[] {"/deliveries/Zeta", "/deliveries/ALPHA%20BETA",
        "/deliveries/unknown", "/deliveries/..", "/deliveries/alpha%20beta%2F..%2F.."}) {
      assertEquals(json("[]"), ok(path), path);
    }
  }

  @Test
  void manifestsByIdOrPathWithEncodedOrPlainSlashes() {
    String files = "{\"files\": [{\"path\": \"a/b.mov\", \"size\": 10, \"checksum\": \"c1\","
        + " \"codec\": \"ProRes\"}]}";
    assertEquals(json(files), ok("/deliveries/alpha%20beta/d-old", Http.bearer(TOKEN)));
    assertEquals(json(files), ok("/deliveries/alpha%20beta/alpha%20beta%2Fd-old%2Fmanifest.json",
        Http.bearer(TOKEN)));
    assertEquals(json(files), ok("/deliveries/alpha%20beta/alpha%20beta/d-old/manifest.json",
        Http.bearer(TOKEN)));
    assertEquals(json(files), ok("/deliveries/alpha%20beta/%20d-old%20", Http.bearer(TOKEN)));

    for (String path : new String[] {"/deliveries/alpha%20beta/d-none",
        "/deliveries/Zeta/d-old", "/deliveries/unknown/d-old", "/deliveries/Zeta/broken"}) {
      Http.Answer missing = http.get(path, Http.bearer(TOKEN));
      assertEquals(404, missing.status(), path);
      assertEquals(json("{\"detail\": \"Delivery not found\"}"), missing.json());
    }
    Http.Answer anonymous = http.get("/deliveries/alpha%20beta/d-old");
    assertEquals(401, anonymous.status());
    assertEquals("Bearer", anonymous.header("WWW-Authenticate"));
  }

  @Test
  void cacheAdminValidatesFlushesAndClamps() {
    JsonNode initial = ok("/admin/cache", Http.bearer(TOKEN));
    // environment values clamped (TTL above a day, negative records) or defaulted (2.5)
    assertEquals(86400.0, initial.get("ttl_seconds").doubleValue());
    assertTrue(http.get("/admin/cache", Http.bearer(TOKEN)).body()
        .contains("\"ttl_seconds\":86400.0"));
    assertEquals(0, initial.get("max_records").intValue());
    assertEquals(50, initial.get("max_projects").intValue());
    JsonNode buckets = initial.get("buckets");
    assertEquals(5, buckets.size());
    for (String name : new String[] {"versions", "review", "projects", "delivery_manifests",
        "ingest_registry"}) {
      JsonNode bucket = buckets.get(name);
      assertNotNull(bucket, name);
      assertEquals(4, bucket.size(), name + " " + bucket);
      assertTrue(bucket.get("expires_at").isNull(), name);
    }
    assertEquals(2, buckets.get("projects").get("entries").intValue());
    assertFalse(buckets.get("projects").get("last_refresh_at").isNull());

    ok("/deliveries/alpha%20beta");
    assertEquals(2, ok("/admin/cache", Http.bearer(TOKEN)).get("buckets")
        .get("delivery_manifests").get("entries").intValue());

    // rejected bodies change nothing
    Http.Answer invalid = http.postJson("/admin/cache",
        "{\"flush\": 1, \"max_projects\": \"3\", \"ttl_seconds\": -1, \"max_records\": 2.5}",
        Http.bearer(TOKEN));
    assertEquals(422, invalid.status());
    assertEquals(json("""
        {"detail": [
          {"type": "greater_than_equal", "loc": ["body", "ttl_seconds"],
           "msg": "Input should be greater than or equal to 0"},
          {"type": "int_type", "loc": ["body", "max_records"],
           "msg": "Input should be a valid integer"},
          {"type": "int_type", "loc": ["body", "max_projects"],
           "msg": "Input should be a valid integer"},
          {"type": "bool_type", "loc": ["body", "flush"],
           "msg": "Input should be a valid boolean"}]}"""), invalid.json());
    Http.Answer notObject = http.postJson("/admin/cache", "[]", Http.bearer(TOKEN));
    assertEquals(422, notObject.status());
    assertEquals("object_type", notObject.json().get("detail").get(0).get("type").asText());
    assertEquals(415, http.post("/admin/cache", "{}", "Content-Type", "text/plain",
        "Authorization", "Bearer " + TOKEN).status());
    assertEquals(401, http.postJson("/admin/cache", "{}").status());
    JsonNode unchanged = ok("/admin/cache", Http.bearer(TOKEN));
    assertEquals(initial.get("ttl_seconds"), unchanged.get("ttl_seconds"));
    assertEquals(2, unchanged.get("buckets").get("delivery_manifests").get("entries").intValue());

    // every accepted call flushes; then the new (clamped) settings apply
    Http.Answer posted = http.postJson("/admin/cache",
        "{\"ttl_seconds\": 90000, \"max_records\": 2000000, \"max_projects\": 7.0,"
            + " \"flush\": false}", Http.bearer(TOKEN));
    assertEquals(200, posted.status(), posted.body());
    JsonNode after = posted.json();
    assertEquals(86400.0, after.get("ttl_seconds").doubleValue());
    assertEquals(1_000_000, after.get("max_records").intValue());
    assertEquals(7, after.get("max_projects").intValue());
    for (String name : new String[] {"versions", "review", "delivery_manifests",
        "ingest_registry"}) {
      assertEquals(0, after.get("buckets").get(name).get("entries").intValue(), after.toString());
    }
    // 4.5: the roster is reloaded from its file at once, so the answer already counts it
    assertEquals(2, after.get("buckets").get("projects").get("entries").intValue(),
        after.toString());
    assertFalse(after.get("buckets").get("projects").get("last_refresh_at").isNull());

    Http.Answer emptyBody = http.post("/admin/cache", "", Http.bearer(TOKEN));
    assertEquals(200, emptyBody.status(), emptyBody.body());
    assertEquals(7, emptyBody.json().get("max_projects").intValue());

    assertEquals(3, ok("/status").get("projects").intValue());
    assertEquals(2, ok("/admin/cache", Http.bearer(TOKEN)).get("buckets").get("projects")
        .get("entries").intValue());
  }

  @Test
  void pageCarriesTheKnownProjectsAndLinks() {
    Http.Answer page = http.get("/");
    assertEquals(200, page.status());
    assertEquals("text/html", page.mediaType());
    assertTrue(page.header("Content-Type").toLowerCase().contains("charset=utf-8"));
    String html = page.body();
    assertTrue(html.contains("<body data-projects=\"[&quot;Zeta&quot;, &quot;alpha beta&quot;,"
        + " &quot;gamma/delta&quot;]\" data-base-path=\"\">"), html);
    assertTrue(html.contains("<li><a href=\"/projects/Zeta/episodes\">Episode breakdown for Zeta"
        + "</a></li>"), html);
    assertTrue(html.contains("<li><a href=\"/review/projects/Zeta/playlists\">"
        + "Review playlists API</a></li>"), html);
    assertEquals(200, http.get("/static/trafalgar.css").status());
    assertEquals(404, http.get("/static/..%2FWEB-INF%2Fweb.xml").status());
  }
}
