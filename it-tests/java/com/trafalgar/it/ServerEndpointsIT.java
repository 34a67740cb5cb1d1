package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Where each server puts the endpoints it serves next to the application (docs/operations.md,
 * "Where things are"): MicroProfile Health, the server's metrics and OpenAPI. {@code /metrics} on
 * the application's port is the dashboard's document everywhere.
 */
@WarTest
class ServerEndpointsIT {
  static final String TOKEN = "endpoints-it-token";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar("TRAFALGAR_DASHBOARD_TOKEN", TOKEN);
  }

  @ArquillianResource Http http;

  @Test
  void readinessListsTheApplicationsChecksWhereTheServerServesHealth() {
    Http.Answer ready = http.health("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    for (String check : new String[] {"render-job-store", "ingest-registry", "shotgrid"}) {
      assertTrue(ready.body().contains("\"" + check + "\""), ready.body());
    }
    assertEquals(200, http.health("/health/live").status());
  }

  @Test
  void metricsOnTheApplicationPortIsTheDashboardDocument() {
    Http.Answer metrics = http.get("/metrics", Http.bearer(TOKEN));
    assertEquals(200, metrics.status(), metrics.body());
    assertEquals("application/json", metrics.mediaType());
    assertTrue(metrics.json().has("render"), metrics.body());
  }

  @Test
  void openApiIsOnTheApplicationPort() {
    Http.Answer openapi = http.get("/openapi");
    assertEquals(200, openapi.status(), openapi.body());
    assertTrue(openapi.body().contains("/render/jobs"), openapi.body());
  }

  // WildFly only: health and the server's metrics live on its management interface
  @Test
  @EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "wildfly")
  void wildflyServesHealthAndMetricsOnItsManagementPortOnly() {
    Http.Answer appHealth = http.get("/health/ready");
    assertEquals(404, appHealth.status(), appHealth.body());
    assertEquals("{\"detail\":\"Not Found\"}", appHealth.body());
    URI management = TargetServer.healthBase(http.base());
    assertFalse(management.equals(http.base()), "the build names the management interface");
    Http.Answer serverMetrics = http.send(HttpRequest.newBuilder(
        URI.create(management + "/metrics")).GET().build());
    assertEquals(200, serverMetrics.status(), serverMetrics.body());
    assertTrue(serverMetrics.body().contains("# TYPE"), "Prometheus text");
    // WildFly 39 has no MicroProfile Metrics: the application exports no counters there
    assertFalse(serverMetrics.body().contains("trafalgar_"), serverMetrics.body());
    assertEquals(404, http.get("/mp-metrics").status());
  }

  // Payara only: MicroProfile Metrics is moved to /mp-metrics by the project's asadmin files
  @Test
  @EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "payara-.*")
  void payaraServesMicroProfileMetricsAtMpMetrics() {
    Http.Answer mp = http.get("/mp-metrics");
    assertEquals(200, mp.status(), mp.body());
    assertTrue(mp.body().contains("# TYPE"), "Prometheus text");
  }
}
