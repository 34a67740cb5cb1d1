package com.trafalgar.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteAccessPolicyTest {

  private static Access access(String method, String path) {
    return RouteAccessPolicy.lookup(method, path).orElseThrow(
        () -> new AssertionError("no rule for " + method + " " + path));
  }

  @Test
  void publicDashboardRoutes() {
    for (String path : new String[] {"/", "/status", "/status/", "/projects/alpha",
        "/projects/Atlas%20Rising/episodes", "/errors", "/errors/summary", "/static/app.js",
        "/api-docs", "/api-docs/", "/api-docs/swagger-ui.css"}) {
      assertEquals(Access.Kind.PUBLIC, access("GET", path).kind(), path);
    }
    assertEquals(Access.Kind.DASHBOARD_SOFT, access("GET", "/deliveries/alpha").kind());
  }

  @Test
  void dashboardTokenRoutes() {
    assertEquals(Access.Kind.DASHBOARD_TOKEN, access("GET", "/metrics").kind());
    assertEquals(Access.Kind.DASHBOARD_TOKEN, access("GET", "/admin/cache").kind());
    assertEquals(Access.Kind.DASHBOARD_TOKEN, access("POST", "/admin/cache").kind());
    assertEquals(Access.Kind.DASHBOARD_TOKEN,
        access("GET", "/deliveries/alpha/alpha%2Fd%2Fmanifest.json").kind());
    assertEquals(Access.Kind.DASHBOARD_TOKEN, access("GET", "/deliveries/alpha/a/b/c").kind());
  }

  @Test
  void renderRolesAndAliases() {
    for (String path : new String[] {"/render", "/render/", "/render/farms", "/farms",
        "/render/health", "/render/jobs", "/jobs", "/render/jobs/metrics", "/jobs/metrics",
        "/render/jobs/mock-1", "/jobs/mock-1"}) {
      assertEquals(Set.of(Role.RENDER_READ), access("GET", path).roles(), path);
      assertEquals(false, access("GET", path).stream(), path);
    }
    assertEquals(Set.of(Role.RENDER_SUBMIT), access("POST", "/render/jobs").roles());
    assertEquals(Set.of(Role.RENDER_SUBMIT), access("POST", "/jobs").roles());
    assertEquals(Set.of(Role.RENDER_MANAGE), access("DELETE", "/render/jobs/x").roles());
    assertEquals(Set.of(Role.RENDER_MANAGE), access("DELETE", "/jobs/x%2Fy").roles());
    assertEquals(Set.of(Role.RENDER_MANAGE), access("DELETE", "/jobs/x%2Fy").roles());
  }

  @Test
  void streamRoutesAcceptAccessToken() {
    for (String path : new String[] {"/render/jobs/stream", "/jobs/stream", "/render/jobs/ws",
        "/jobs/ws"}) {
      assertTrue(access("GET", path).stream(), path);
      assertEquals(Set.of(Role.RENDER_READ), access("GET", path).roles());
    }
    for (String path : new String[] {"/ingest/runs/stream", "/runs/stream", "/ingest/runs/ws",
        "/runs/ws"}) {
      assertTrue(access("GET", path).stream(), path);
      assertEquals(Set.of(Role.INGEST_READ), access("GET", path).roles());
    }
  }

  @Test
  void ingestAndReview() {
    for (String path : new String[] {"/ingest", "/ingest/health", "/ingest/runs", "/runs",
        "/ingest/runs/abc", "/runs/abc"}) {
      assertEquals(Set.of(Role.INGEST_READ), access("GET", path).roles(), path);
    }
    assertEquals(Set.of(Role.REVIEW_READ),
        access("GET", "/review/projects/alpha/playlists").roles());
    assertEquals(Set.of(Role.REVIEW_READ),
        access("GET", "/review/projects/alpha/playlists/Dailies%2F1").roles());
  }

  @Test
  void unlistedRoutesHaveNoRule() {
    assertTrue(RouteAccessPolicy.lookup("GET", "/unlisted").isEmpty());
    assertTrue(RouteAccessPolicy.lookup("PUT", "/render/jobs").isEmpty());
    assertTrue(RouteAccessPolicy.lookup("GET", "/render/jobs/a/b").isEmpty());
  }
}
