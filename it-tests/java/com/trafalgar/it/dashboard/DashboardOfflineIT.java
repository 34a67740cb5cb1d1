package com.trafalgar.it.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in {@code offline} mode over real HTTP, reading a real offline data file (API.md
 * 9.3): exact figures from the file (name coercion, labels, status canonicalisation), known
 * projects from the file and the settings, a rewritten file visible to the next request (15), and
 * the review routes reading the same file with the operator (dashboard) token.
 */
@WarTest
class DashboardOfflineIT {
  static final String TOKEN = "offline-dashboard-it-token";
  static final Path FILE = Path.of("target/it-dashboard-offline/offline.json").toAbsolutePath();

  /**
   * Versions (objects only; the string item is skipped):
   * <ol>
   *   <li>alpha, EP01_SC001_SH0010, 1 → v001, "apr" → approved
   *   <li>" alpha " → alpha, EP01_SC001_SH0010, 2.0 → v002, " PUBlished " → published, user
   *       object → J. Doe, published_at 10:00+01:00 → 2024-01-02T09:00:00+00:00
   *   <li>{"name": {"value": "alpha"}} → alpha, EP02_SC003_SH0020, code " v010 " → v010,
   *       "final-approved" → published (starts with "final"), updated_at 1704153600 (epoch) =
   *       2024-01-02T00:00:00+00:00 (1704067200 is 2024-01-01 00:00Z, plus 86400)
   *   <li>{"code": "beta"} → beta, episode " EP09 " → EP09, shot EP01_X, 1234 → v1234,
   *       null → unknown
   *   <li>gamma (only in versions), sh010, "WIP" → wip
   *   <li>42 → "42", empty shot, "APR" → approved
   *   <li>no project, sh999, "rev"
   * </ol>
   * Known projects: file projects {alpha, beta} ∪ version projects {alpha, beta, gamma, 42} ∪
   * settings {delta} = [42, alpha, beta, delta, gamma] (code point order). Overall: projects 5;
   * shots (alpha, EP01_SC001_SH0010), (alpha, EP02_SC003_SH0020), (beta, EP01_X), (gamma, sh010)
   * = 4 (#6 has no shot, #7 no project); versions = 7 records in the file.
   *
   * <p>Review: alpha "Dailies" keeps 2 clips (the blank source_path is skipped): shots {sh010,
   * sh020} = 2, duration 2.0 + null (0) = 2.0. Every other known project has no playlists.
   */
  static final String DATA = """
      {"projects": [" alpha ", "beta", ""],
       "versions": [
         {"project": "alpha", "shot": "EP01_SC001_SH0010", "version": 1, "status": "apr",
          "user": "M. Silva", "timestamp": "2024-01-01T09:00:00Z"},
         {"project": " alpha ", "shot": "EP01_SC001_SH0010", "version": 2.0,
          "status": " PUBlished ", "user": {"name": "J. Doe"},
          "published_at": "2024-01-02T10:00:00+01:00"},
         {"project": {"name": {"value": "alpha"}}, "shot": "EP02_SC003_SH0020", "code": " v010 ",
          "status": "final-approved", "updated_at": 1704153600},
         {"project": {"code": "beta"}, "episode": " EP09 ", "shot": "EP01_X",
          "version_number": 1234, "status": null},
         {"project": "gamma", "shot": "sh010", "version": "v001", "status": "WIP"},
         "not a version",
         {"project": 42, "shot": "", "status": "APR"},
         {"shot": "sh999", "status": "rev"}],
       "playlists": [
         {"project": "alpha", "name": "Dailies",
          "clips": [{"shot": "sh010", "version": "v001", "source_path": "/mnt/a.mov",
                     "frame_range": "1001-1048", "user": "M. Silva", "duration_seconds": 2.0},
                    {"shot": "sh020", "version": "v002", "source_path": "  ",
                     "duration_seconds": 1.0},
                    {"shot": "sh020", "version": 3, "source_path": "/mnt/b.mov",
                     "duration_seconds": null}]}]}
      """;

  @Deployment(testable = false)
  static WebArchive deployment() throws IOException {
    write(DATA, 1_000);
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_OFFLINE_DATA", FILE.toString(),
        "ONEPIECE_DASHBOARD_PROJECTS", " delta ,, ",
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY",
        FILE.resolveSibling("no-roster.json").toString(),
        "ONEPIECE_INGEST_REGISTRY", FILE.resolveSibling("no-ingest.json").toString());
  }

  /** Writes the data file with a chosen mtime, so every rewrite changes its fingerprint. */
  static void write(String content, long modifiedSeconds) throws IOException {
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, content);
    Files.setLastModifiedTime(FILE, FileTime.from(Instant.ofEpochSecond(modifiedSeconds)));
  }

  @ArquillianResource Http http;

  @Test
  void statusAndMetricsCountTheWholeFile() throws Exception {
    JsonNode review = json("""
        {"totals": {"projects": 5, "playlists": 1, "clips": 2, "shots": 2,
                    "duration_seconds": 2.0},
         "projects": [
           {"project": "42", "playlists": 0, "clips": 0, "shots": 0, "duration_seconds": 0.0},
           {"project": "alpha", "playlists": 1, "clips": 2, "shots": 2, "duration_seconds": 2.0},
           {"project": "beta", "playlists": 0, "clips": 0, "shots": 0, "duration_seconds": 0.0},
           {"project": "delta", "playlists": 0, "clips": 0, "shots": 0, "duration_seconds": 0.0},
           {"project": "gamma", "playlists": 0, "clips": 0, "shots": 0,
            "duration_seconds": 0.0}]}""");

    Http.Answer status = http.get("/status");
    assertEquals(200, status.status(), status.body());
    assertEquals(5, status.json().get("projects").asInt());
    assertEquals(4, status.json().get("shots").asInt());
    assertEquals(7, status.json().get("versions").asInt());
    assertEquals(0, status.json().get("errors").asInt());
    assertEquals(review, status.json().get("review"));

    Http.Answer metrics = http.get("/metrics", Http.bearer(TOKEN));
    assertEquals(200, metrics.status(), metrics.body());
    assertEquals(json("{\"projects\": 5, \"shots\": 4, \"versions\": 7, \"errors\": 0}"),
        metrics.json().get("status"));
    assertEquals(review, metrics.json().get("review"));

    Http.Answer page = http.get("/");
    assertTrue(page.body().contains("data-projects=\"[&quot;42&quot;, &quot;alpha&quot;, "
        + "&quot;beta&quot;, &quot;delta&quot;, &quot;gamma&quot;]\""), page.body());

    Http.Answer ready = http.health("/health/ready");
    for (JsonNode check : ready.json().get("checks")) {
      if (check.get("name").asText().equals("shotgrid")) {
        assertEquals(json("{\"name\": \"shotgrid\", \"status\": \"UP\", "
            + "\"data\": {\"mode\": \"offline\"}}"), check);
      }
    }

    // offline mode bypasses the dashboard caches
    JsonNode cache = http.get("/admin/cache", Http.bearer(TOKEN)).json();
    assertEquals(0, cache.get("buckets").get("versions").get("entries").asInt());
    assertEquals(0, cache.get("buckets").get("review").get("entries").asInt());
  }

  @Test
  void projectRoutesComputeFromTheFile() throws Exception {
    // #1, #2, #3 match ALPHA; published #2 (09:00Z) before #3 (00:00Z) on 2024-01-02
    Http.Answer alpha = http.get("/projects/ALPHA");
    assertEquals(200, alpha.status(), alpha.body());
    assertEquals(json("""
        {"project": "ALPHA", "episodes": 2, "shots": 2, "versions": 3, "approved_versions": 1,
         "status_totals": {"approved": 1, "published": 2},
         "latest_published": [
           {"shot": "EP01_SC001_SH0010", "version": "v002", "user": "J. Doe",
            "timestamp": "2024-01-02T09:00:00+00:00"},
           {"shot": "EP02_SC003_SH0020", "version": "v010", "user": null,
            "timestamp": "2024-01-02T00:00:00+00:00"}]}"""), alpha.json());

    Http.Answer episodes = http.get("/projects/alpha/episodes");
    assertEquals(200, episodes.status(), episodes.body());
    assertEquals(json("""
        {"project": "alpha",
         "episodes": [
           {"episode": "EP01", "shots": 1, "versions": 2,
            "status_counts": {"approved": 1, "published": 1}},
           {"episode": "EP02", "shots": 1, "versions": 1, "status_counts": {"published": 1}}],
         "status_totals": {"approved": 1, "published": 2}}"""), episodes.json());

    // the explicit episode wins over the shot's prefix
    assertEquals(json("""
        {"project": "Beta", "episodes": 1, "shots": 1, "versions": 1, "approved_versions": 0,
         "status_totals": {"unknown": 1}, "latest_published": []}"""),
        http.get("/projects/Beta").json());
    assertEquals(json("""
        {"project": "beta",
         "episodes": [{"episode": "EP09", "shots": 1, "versions": 1,
                       "status_counts": {"unknown": 1}}],
         "status_totals": {"unknown": 1}}"""), http.get("/projects/beta/episodes").json());

    // a numeric project name; its version has no shot, so no episode
    assertEquals(json("""
        {"project": "42",
         "episodes": [{"episode": "unassigned", "shots": 0, "versions": 1,
                       "status_counts": {"approved": 1}}],
         "status_totals": {"approved": 1}}"""), http.get("/projects/42/episodes").json());

    // known from the settings only: zeros; unknown: 404
    assertEquals(json("""
        {"project": "delta", "episodes": 0, "shots": 0, "versions": 0, "approved_versions": 0,
         "status_totals": {}, "latest_published": []}"""), http.get("/projects/delta").json());
    Http.Answer missing = http.get("/projects/Delta");
    assertEquals(404, missing.status(), missing.body());
    assertEquals(json("{\"detail\": \"Project not found\"}"), missing.json());
  }

  @Test
  void reviewRoutesReadTheSameFileWithTheOperatorToken() throws Exception {
    assertEquals(401, http.get("/review/projects/alpha/playlists").status());
    Http.Answer listing = http.get("/review/projects/alpha/playlists", Http.bearer(TOKEN));
    assertEquals(200, listing.status(), listing.body());
    assertEquals(json("""
        {"project": "alpha",
         "playlists": [{"name": "Dailies", "clips": 2, "shots": 2, "duration_seconds": 2.0}]}
        """), listing.json());

    Http.Answer dailies = http.get("/review/projects/alpha/playlists/Dailies", Http.bearer(TOKEN));
    assertEquals(200, dailies.status(), dailies.body());
    assertEquals(json("""
        {"project": "alpha", "playlist": "Dailies",
         "summary": {"clips": 2, "shots": 2, "duration_seconds": 2.0},
         "clips": [{"shot": "sh010", "version": "v001", "source_path": "/mnt/a.mov",
                    "frame_range": "1001-1048", "user": "M. Silva", "duration_seconds": 2.0},
                   {"shot": "sh020", "version": "3", "source_path": "/mnt/b.mov",
                    "frame_range": "", "user": "", "duration_seconds": null}]}
        """), dailies.json());
  }

  @Test
  void aRewrittenFileIsVisibleToTheNextRequest() throws Exception {
    try {
      // one project in the file, one version: known = {alpha} ∪ {delta}; 1 shot, 1 version
      write("""
          {"projects": ["alpha"],
           "versions": [{"project": "alpha", "shot": "EP05_SH1", "version": 5,
                         "status": "approved", "timestamp": "2024-02-01T00:00:00Z"}],
           "playlists": [{"project": "alpha", "name": "Finals", "clips": []}]}""", 2_000);

      JsonNode status = http.get("/status").json();
      assertEquals(2, status.get("projects").asInt());
      assertEquals(1, status.get("shots").asInt());
      assertEquals(1, status.get("versions").asInt());
      assertEquals(json("""
          {"totals": {"projects": 2, "playlists": 1, "clips": 0, "shots": 0,
                      "duration_seconds": 0.0},
           "projects": [
             {"project": "alpha", "playlists": 1, "clips": 0, "shots": 0,
              "duration_seconds": 0.0},
             {"project": "delta", "playlists": 0, "clips": 0, "shots": 0,
              "duration_seconds": 0.0}]}"""), status.get("review"));
      assertEquals(json("""
          {"project": "alpha", "episodes": 1, "shots": 1, "versions": 1, "approved_versions": 1,
           "status_totals": {"approved": 1}, "latest_published": []}"""),
          http.get("/projects/alpha").json());
      assertEquals(404, http.get("/projects/beta").status());
      assertEquals(json("""
          {"project": "alpha",
           "playlists": [{"name": "Finals", "clips": 0, "shots": 0, "duration_seconds": 0.0}]}
          """), http.get("/review/projects/alpha/playlists", Http.bearer(TOKEN)).json());

      // a malformed rewrite keeps the last good content
      write("{\"projects\": [", 3_000);
      assertEquals(1, http.get("/status").json().get("versions").asInt());
    } finally {
      write(DATA, 4_000);
    }
    assertEquals(7, http.get("/status").json().get("versions").asInt());
  }

  private static JsonNode json(String text) throws IOException {
    return Http.JSON.readTree(text);
  }
}
