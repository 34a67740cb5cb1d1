package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ApiException;
import com.trafalgar.source.SourceMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The choice of the dashboard made once at startup, and the demo dashboard (API.md 13): the
 * dataset's answers in the shapes of the live routes, exact project names, a validating but inert
 * cache admin.
 */
class DemoDashboardTest {
  private final Dashboard demo = DashboardSelector.choose(SourceMode.DEMO, TestInstance.none());

  @Test
  void demoModeIsItsOwnImplementationAndNeverCreatesTheLiveOne() {
    // an unsatisfied live instance throws if asked: demo mode must not ask
    assertInstanceOf(DemoDashboard.class, demo);
    assertEquals(SourceMode.DEMO, demo.mode());
    LiveDashboard live = new LiveDashboard();
    for (SourceMode mode : List.of(SourceMode.SHOTGRID, SourceMode.OFFLINE, SourceMode.NONE)) {
      assertSame(live, DashboardSelector.choose(mode, TestInstance.of(live)));
    }
  }

  @Test
  void statusAndMetricsShapeTheDemoFigures() {
    assertJson("""
        {"projects": 2, "shots": 199, "versions": 834, "errors": 3,
         "ingest": {"counts": {"total": 6, "successful": 4, "failed": 1, "running": 1},
                    "last_success_at": "2024-05-20T08:30:00+00:00", "failure_streak": 1,
                    "sample_window": 10},
         "render": {"jobs": 14, "by_status": {"queued": 3, "running": 2, "completed": 9},
                    "by_farm": {"onyx": 6, "ember": 5, "mock": 3}},
         "review": %s}""".formatted(DemoDataset.review()), demo.status());
    ObjectNode metrics = demo.metrics();
    List<String> keys = new ArrayList<>();
    metrics.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("status", "ingest", "render", "review"), keys);
    assertFalse(metrics.get("ingest").has("sample_window"));
    assertEquals(3, demo.errorSummary().size());
  }

  @Test
  void projectRoutesMatchDemoNamesExactly() {
    assertEquals(516, demo.project("Atlas Rising").get("versions").asInt());
    assertEquals(2, demo.episodes("Signal Noir").get("episodes").size());
    ApiException missing = assertThrows(ApiException.class, () -> demo.project("atlas rising"));
    assertEquals(404, missing.status());
    assertEquals("{\"detail\":\"Project not found\"}", missing.body().toString());
  }

  @Test
  void deliveriesGainLinksOnlyWithTheToken() {
    assertFalse(demo.deliveries("Signal Noir", false).get(0).has("manifest_api"));
    assertEquals("/deliveries/Signal%20Noir/signal-noir-daily-0519",
        demo.deliveries("Signal Noir", true).get(0).get("manifest_api").asText());
    assertEquals(1, demo.deliveryManifest("Signal Noir", " signal-noir-daily-0519 ")
        .get("files").size());
    ApiException missing = assertThrows(ApiException.class,
        () -> demo.deliveryManifest("Signal Noir", "atlas-rising-daily-0520"));
    assertEquals("{\"detail\":\"Delivery not found\"}", missing.body().toString());
  }

  @Test
  void theCacheAdminValidatesButChangesNothing() {
    String empty = "{\"entries\": 0, \"last_refresh_at\": null, \"expires_at\": null,"
        + " \"evictions\": 0}";
    String expected = "{\"ttl_seconds\": 900.0, \"max_records\": 5000, \"max_projects\": 25,"
        + " \"buckets\": {\"versions\": " + empty + ", \"review\": " + empty
        + ", \"projects\": " + empty + ", \"delivery_manifests\": " + empty
        + ", \"ingest_registry\": " + empty + "}}";
    assertJson(expected, demo.cache());
    assertJson(expected, demo.updateCache(Optional.of(Records.json("{\"ttl_seconds\": 5}"))));
    ApiException rejected = assertThrows(ApiException.class,
        () -> demo.updateCache(Optional.of(Records.json("{\"max_records\": -1}"))));
    assertEquals(422, rejected.status());
  }
}
