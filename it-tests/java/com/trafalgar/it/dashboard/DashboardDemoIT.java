package com.trafalgar.it.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Demo mode (API.md 13) over real HTTP: every dashboard route answers the contract's exact figures,
 * and the page carries the demo projects.
 */
@WarTest
class DashboardDemoIT {
  static final String TOKEN = "demo-it-token";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_DEMO_MODE", "TRUE",
        // demo mode consults nothing else, even when configured
        "ONEPIECE_DASHBOARD_PROJECTS", "ignored");
  }

  @ArquillianResource Http http;

  private static JsonNode json(String text) {
    try {
      return Http.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private JsonNode ok(String path, String... headers) {
    Http.Answer answer = http.get(path, headers);
    assertEquals(200, answer.status(), path + ": " + answer.body());
    assertEquals("application/json", answer.mediaType(), path);
    return answer.json();
  }

  static final String INGEST = """
      {"counts": {"total": 6, "successful": 4, "failed": 1, "running": 1},
       "last_success_at": "2024-05-20T08:30:00+00:00", "failure_streak": 1}""";
  static final String RENDER = """
      {"jobs": 14, "by_status": {"queued": 3, "running": 2, "completed": 9},
       "by_farm": {"onyx": 6, "ember": 5, "mock": 3}}""";
  static final String REVIEW = """
      {"totals": {"projects": 2, "playlists": 9, "clips": 84, "shots": 56,
                  "duration_seconds": 22200.0},
       "projects": [{"project": "Atlas Rising", "playlists": 5, "clips": 48, "shots": 32,
                     "duration_seconds": 12600.0},
                    {"project": "Signal Noir", "playlists": 4, "clips": 36, "shots": 24,
                     "duration_seconds": 9600.0}]}""";

  @Test
  void statusAndMetricsAreTheDemoFigures() {
    JsonNode status = ok("/status");
    JsonNode ingest = json(INGEST);
    ((com.fasterxml.jackson.databind.node.ObjectNode) ingest).put("sample_window", 10);
    assertEquals(json("{\"projects\": 2, \"shots\": 199, \"versions\": 834, \"errors\": 3,"
        + "\"ingest\": " + ingest + ", \"render\": " + RENDER + ", \"review\": " + REVIEW + "}"),
        status);
    assertTrue(http.get("/status").body().contains("\"duration_seconds\":22200.0"));

    JsonNode metrics = ok("/metrics", Http.bearer(TOKEN));
    assertEquals(json("{\"status\": {\"projects\": 2, \"shots\": 199, \"versions\": 834,"
        + " \"errors\": 3}, \"ingest\": " + INGEST + ", \"render\": " + RENDER
        + ", \"review\": " + REVIEW + "}"), metrics);
  }

  @Test
  void projectRoutesMatchDemoNamesExactly() {
    JsonNode atlas = ok("/projects/Atlas%20Rising");
    assertEquals(json("""
        {"project": "Atlas Rising", "episodes": 3, "shots": 116, "versions": 516,
         "approved_versions": 176,
         "status_totals": {"approved": 176, "in_progress": 54, "published": 158, "retake": 64,
                           "review": 64},
         "latest_published": [
           {"shot": "AR101_010", "version": "v045", "user": "M. Silva",
            "timestamp": "2024-05-18T14:22:00+00:00"},
           {"shot": "AR102_130", "version": "v051", "user": "A. Kwan",
            "timestamp": "2024-05-17T19:05:00+00:00"},
           {"shot": "AR103_080", "version": "v039", "user": "S. Novak",
            "timestamp": "2024-05-16T08:42:00+00:00"}]}"""), atlas);
    JsonNode noir = ok("/projects/Signal%20Noir/episodes/");
    assertEquals(json("""
        {"project": "Signal Noir",
         "episodes": [{"episode": "SN201", "shots": 44, "versions": 168,
                       "status_counts": {"approved": 48, "published": 60, "review": 60}},
                      {"episode": "SN202", "shots": 39, "versions": 150,
                       "status_counts": {"approved": 42, "in_progress": 60, "published": 48}}],
         "status_totals": {"approved": 90, "in_progress": 60, "published": 108, "review": 60}}"""),
        noir);
    JsonNode noirSummary = ok("/projects/Signal%20Noir");
    assertEquals(83, noirSummary.get("shots").asInt());
    assertEquals(2, noirSummary.get("latest_published").size());
    assertEquals(3, ok("/projects/Atlas%20Rising/episodes").get("episodes").size());

    for (String path : new String[] {"/projects/atlas%20rising", "/projects/ignored",
        "/projects/Nope/episodes"}) {
      Http.Answer missing = http.get(path);
      assertEquals(404, missing.status(), path);
      assertEquals("Project not found", missing.json().get("detail").asText());
    }
  }

  @Test
  void errorsAndTheirSummary() {
    assertEquals(json("""
        [{"type": "filesystem_missing",
          "path": "//render/atlas_rising/AR101_090/v012/beauty.exr", "shot": "AR101_090"},
         {"type": "s3_version_drift",
          "path": "s3://studio-prod/atlas_rising/AR103_020/v010/comp.mov", "shot": "AR103_020"},
         {"type": "metadata_mismatch", "key": "Signal Noir/SN202_040/v018",
          "shot": "SN202_040"}]"""), ok("/errors"));
    assertEquals(json("""
        [{"type": "filesystem_missing",
          "path": "//render/atlas_rising/AR101_090/v012/beauty.exr", "count": 1,
          "shots": ["AR101_090"]},
         {"type": "metadata_mismatch", "path": "Signal Noir/SN202_040/v018", "count": 1,
          "shots": ["SN202_040"]},
         {"type": "s3_version_drift",
          "path": "s3://studio-prod/atlas_rising/AR103_020/v010/comp.mov", "count": 1,
          "shots": ["AR103_020"]}]"""), ok("/errors/summary"));
  }

  @Test
  void cacheAdminAnswersTheDemoValuesAndStillValidates() {
    String empty = "{\"entries\": 0, \"last_refresh_at\": null, \"expires_at\": null,"
        + " \"evictions\": 0}";
    JsonNode expected = json("{\"ttl_seconds\": 900.0, \"max_records\": 5000,"
        + " \"max_projects\": 25, \"buckets\": {\"versions\": " + empty + ", \"review\": "
        + empty + ", \"projects\": " + empty + ", \"delivery_manifests\": " + empty
        + ", \"ingest_registry\": " + empty + "}}");
    assertEquals(expected, ok("/admin/cache", Http.bearer(TOKEN)));
    Http.Answer posted = http.postJson("/admin/cache", "{\"ttl_seconds\": 5, \"max_projects\": 1}",
        Http.bearer(TOKEN));
    assertEquals(200, posted.status(), posted.body());
    assertEquals(expected, posted.json());
    assertTrue(posted.body().contains("\"ttl_seconds\":900.0"), posted.body());
    Http.Answer invalid = http.postJson("/admin/cache", "{\"max_records\": -1}",
        Http.bearer(TOKEN));
    assertEquals(422, invalid.status());
    assertEquals(json("{\"detail\": [{\"type\": \"greater_than_equal\","
        + " \"loc\": [\"body\", \"max_records\"],"
        + " \"msg\": \"Input should be greater than or equal to 0\"}]}"), invalid.json());
    assertEquals(401, http.get("/admin/cache").status());
  }

  @Test
  void deliveriesAndManifests() {
    JsonNode listed = ok("/deliveries/Atlas%20Rising");
    assertEquals(json("""
        [{"project": "Atlas Rising", "name": "Atlas Rising – Sequence 101 daily",
          "archive": null, "manifest": "Atlas Rising/atlas-rising-daily-0520/manifest.json",
          "delivery_id": "atlas-rising-daily-0520", "created_at": "2024-05-20T09:15:00+00:00",
          "items": [{"path": "AR101/AR101_090/v012/AR101_090_v012.mov", "size": 734003200,
                     "checksum": "b0e1c6d3"},
                    {"path": "AR101/AR101_090/v012/AR101_090_v012.wav", "size": 12582912,
                     "checksum": "1a45f0b2"}],
          "file_count": 2},
         {"project": "Atlas Rising", "name": "Atlas Rising finals batch", "archive": null,
          "manifest": "Atlas Rising/atlas-rising-finals-0517/manifest.json",
          "delivery_id": "atlas-rising-finals-0517", "created_at": "2024-05-17T18:40:00+00:00",
          "items": [{"path": "finals/AR103_080/v020/AR103_080_v020.exr", "size": 157286400,
                     "checksum": "7cd4a210"}],
          "file_count": 1}]"""), listed);
    JsonNode linked = ok("/deliveries/Signal%20Noir", Http.bearer(TOKEN));
    assertEquals("/deliveries/Signal%20Noir/signal-noir-daily-0519",
        linked.get(0).get("manifest_api").asText());
    assertFalse(ok("/deliveries/Signal%20Noir", Http.bearer("wrong")).get(0).has("manifest_api"));
    assertEquals(json("[]"), ok("/deliveries/Elsewhere"));

    assertEquals(json("""
        {"files": [{"path": "SN201/SN201_220/v015/SN201_220_v015.mov", "size": 618659840,
                    "checksum": "5f91bb7c", "codec": "DNxHR HQX"}]}"""),
        ok("/deliveries/Signal%20Noir/signal-noir-daily-0519", Http.bearer(TOKEN)));
    JsonNode byManifest = ok("/deliveries/Atlas%20Rising/Atlas%20Rising/atlas-rising-finals-0517"
        + "/manifest.json", Http.bearer(TOKEN));
    assertEquals(16, byManifest.get("files").get(0).get("bit_depth").asInt());
    Http.Answer foreign = http.get("/deliveries/Signal%20Noir/atlas-rising-daily-0520",
        Http.bearer(TOKEN));
    assertEquals(404, foreign.status());
    assertEquals("Delivery not found", foreign.json().get("detail").asText());
    assertEquals(401, http.get("/deliveries/Signal%20Noir/signal-noir-daily-0519").status());
  }

  @Test
  void pageNamesTheDemoProjects() {
    Http.Answer page = http.get("/");
    assertEquals(200, page.status());
    assertEquals("text/html; charset=UTF-8".toLowerCase(),
        page.header("Content-Type").toLowerCase().replace(" ", "").replace(";", "; "));
    String html = page.body();
    assertTrue(html.contains("OnePiece Production Dashboard"), html);
    assertTrue(html.contains("<body data-projects=\"[&quot;Atlas Rising&quot;,"
        + " &quot;Signal Noir&quot;]\" data-base-path=\"\">"), html);
    String[] links = {
      "<li><a href=\"/status\">Project status overview</a></li>",
      "<li><a href=\"/projects/Atlas%20Rising\">Summary for Atlas Rising</a></li>",
      "<li><a href=\"/projects/Atlas%20Rising/episodes\">Episode breakdown for Atlas Rising"
          + "</a></li>",
      "<li><a href=\"/deliveries/Atlas%20Rising\">Deliveries for Atlas Rising</a></li>",
      "<li><a href=\"/errors\">Reconciliation mismatches</a></li>",
      "<li><a href=\"/errors/summary\">Mismatch summary</a></li>",
      "<li><a href=\"/review/projects/Atlas%20Rising/playlists\">Review playlists API</a></li>"};
    int at = -1;
    for (String link : links) {
      int found = html.indexOf(link);
      assertTrue(found > at, "missing or out of order: " + link + "\n" + html);
      at = found;
    }
    Http.Answer script = http.get("/static/trafalgar.js");
    assertEquals(200, script.status());
    assertTrue(script.body().contains("from './modules/api.js'"), script.body());
    // The token's storage key (API.md 4.1) lives in the api module since the page was split.
    Http.Answer api = http.get("/static/modules/api.js");
    assertEquals(200, api.status());
    assertTrue(api.body().contains("trafalgar.dashboardToken"));
    assertEquals(404, http.get("/static/nothing.js").status());
  }
}
