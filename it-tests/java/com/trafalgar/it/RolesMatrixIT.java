package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The roles matrix of API.md 3.6 on real routes, one credential per role: every role opens exactly
 * its routes, and "only" roles (render:submit, render:manage) open nothing else.
 */
@WarTest
class RolesMatrixIT {
  static final String TOKEN = "matrix-operator";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_SERVICE_CREDENTIALS", """
            [{"id": "reader", "token": "t-read", "roles": "render:read"},
             {"id": "submitter", "token": "t-submit", "roles": "render:submit"},
             {"id": "manager", "token": "t-manage", "roles": "render:manage"},
             {"id": "ingest", "token": "t-ingest", "roles": "ingest:read"},
             {"id": "review", "token": "t-review", "roles": "review:read"},
             {"id": "admin", "token": "t-admin", "roles": "admin"}]""".replace("\n", " "));
  }

  @ArquillianResource Http http;

  private int get(String path, String token) {
    return http.get(path, Http.bearer(token)).status();
  }

  private int submit(String token) {
    return http.postJson("/render/jobs",
        "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/out\"}", Http.bearer(token)).status();
  }

  @Test
  void renderRead() {
    for (String path : new String[] {"/render/", "/render/farms", "/farms", "/render/health",
        "/render/jobs", "/jobs", "/render/jobs/metrics", "/jobs/metrics"}) {
      assertEquals(200, get(path, "t-read"), path);
      assertEquals(403, get(path, "t-submit"), path);
      assertEquals(403, get(path, "t-ingest"), path);
      assertEquals(200, get(path, TOKEN), path);
    }
    assertEquals(404, get("/render/jobs/unknown-job", "t-read"));
    assertEquals(403, get("/render/jobs/unknown-job", "t-manage"));
  }

  @Test
  void renderSubmitOnly() {
    assertEquals(201, submit("t-submit"));
    assertEquals(403, submit("t-read"));
    assertEquals(403, submit("t-manage"));
    assertEquals(403, submit("t-admin"));
    assertEquals(201, submit(TOKEN));
  }

  // Payara only: WildFly 39 has no MicroProfile Metrics (ServerEndpointsIT checks its side)
  @Test
  @EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "payara-.*")
  void operationalCountersAreExportedOnMpMetrics() {
    assertEquals(201, submit(TOKEN));
    Http.Answer answer = http.get("/mp-metrics");
    assertEquals(200, answer.status());
    org.junit.jupiter.api.Assertions.assertTrue(
        answer.body().contains("trafalgar_render_submissions"), answer.body());
    org.junit.jupiter.api.Assertions.assertTrue(
        answer.body().contains("trafalgar_events_published"), answer.body());
  }

  @Test
  void renderManageOnly() {
    assertEquals(404, http.delete("/render/jobs/unknown", Http.bearer("t-manage")).status());
    assertEquals(403, http.delete("/render/jobs/unknown", Http.bearer("t-read")).status());
    assertEquals(403, http.delete("/jobs/unknown", Http.bearer("t-submit")).status());
  }

  @Test
  void ingestRead() {
    for (String path : new String[] {"/ingest/", "/ingest/health", "/ingest/runs", "/runs"}) {
      assertEquals(200, get(path, "t-ingest"), path);
      assertEquals(403, get(path, "t-read"), path);
    }
    assertEquals(404, get("/ingest/runs/nope", "t-ingest"));
    assertEquals(403, get("/runs/nope", "t-review"));
  }

  @Test
  void reviewRead() {
    // no review backend configured: 503 comes after authentication and authorisation
    Http.Answer answer = http.get("/review/projects/alpha/playlists", Http.bearer("t-review"));
    assertEquals(503, answer.status());
    assertEquals("Review backend is not configured.", answer.json().get("detail").asText());
    assertEquals(403, get("/review/projects/alpha/playlists", "t-read"));
    assertEquals(401, http.get("/review/projects/alpha/playlists").status());
  }

  @Test
  void dashboardRoutesTakeOnlyTheDashboardToken() {
    assertEquals(200, get("/metrics", TOKEN));
    assertEquals(401, get("/metrics", "t-admin"));
    assertEquals(200, get("/admin/cache", TOKEN));
    assertEquals(401, get("/admin/cache", "t-read"));
    assertEquals(200, http.get("/status").status());
  }
}
