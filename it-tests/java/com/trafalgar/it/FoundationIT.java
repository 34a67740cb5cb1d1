package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The foundation over real HTTP: dashboard-token and service authentication, the generic error
 * shapes, trailing slashes, health, OpenAPI, and that {@code /metrics} is the application's.
 */
@WarTest
class FoundationIT {
  static final String TOKEN = "it-dashboard-token";
  static final String CREDENTIALS = """
      [{"id": "reader", "api_key": "reader-key", "api_secret": "reader-secret",
        "roles": "render:read ingest:read"},
       {"id": "submitter", "token": "submit-token", "scopes": ["render:submit"]},
       {"id": "keyonly", "key": "plain-key", "roles": ["review:read"]}]
      """;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_SERVICE_CREDENTIALS", CREDENTIALS.replace("\n", " "));
  }

  @ArquillianResource Http http;

  @Test
  void metricsNeedsTheDashboardToken() {
    Http.Answer missing = http.get("/metrics");
    assertEquals(401, missing.status());
    assertEquals("Bearer", missing.header("WWW-Authenticate"));
    assertEquals("Invalid authentication token.", missing.json().get("detail").asText());

    assertEquals(401, http.get("/metrics", Http.bearer("wrong")).status());
    assertEquals(401, http.get("/metrics", "Authorization", "Bearer").status());
    assertEquals(401, http.get("/metrics", "Authorization", "Basic " + TOKEN).status());
    // a valid service credential is still "a token that differs" (15)
    assertEquals(401, http.get("/metrics", Http.bearer("submit-token")).status());

    Http.Answer ok = http.get("/metrics", "Authorization", "bearer   " + TOKEN + "  ");
    assertEquals(200, ok.status());
    assertEquals("application/json", ok.mediaType());
    JsonNode body = ok.json();
    assertTrue(body.has("status") && body.has("ingest") && body.has("render")
        && body.has("review"), body.toString());
  }

  @Test
  void metricsIsNotTheServersMetricsEndpoint() {
    Http.Answer answer = http.get("/metrics");
    assertEquals("application/json", answer.mediaType());
    assertFalse(answer.body().contains("# TYPE"), answer.body());
  }

  @Test
  void serviceRoutesFollowTheCheckOrder() {
    Http.Answer none = http.get("/render/");
    assertEquals(401, none.status());
    assertEquals("Authentication credentials were not provided.",
        none.json().get("detail").asText());
    assertEquals("Bearer", none.header("WWW-Authenticate"));

    Http.Answer badBearer = http.get("/render/", "Authorization", "Bearer nope",
        "X-API-Key", "reader-key", "X-API-Secret", "reader-secret");
    assertEquals(401, badBearer.status());
    assertEquals("Invalid bearer token.", badBearer.json().get("detail").asText());

    Http.Answer badSecret = http.get("/render/", "X-API-Key", "reader-key",
        "X-API-Secret", "other");
    assertEquals(401, badSecret.status());
    assertEquals("Invalid API credentials.", badSecret.json().get("detail").asText());
    assertEquals(401, http.get("/render/", "X-API-Key", "reader-key").status());
    assertEquals(401, http.get("/render/", "X-API-Key", "unknown").status());

    Http.Answer reader = http.get("/render/", "x-api-key", "reader-key",
        "x-api-secret", "reader-secret");
    assertEquals(200, reader.status());
    assertEquals("OnePiece Render API is running", reader.json().get("message").asText());
    assertEquals(200, http.get("/ingest/", "X-API-Key", "reader-key",
        "X-API-Secret", "reader-secret").status());

    Http.Answer forbidden = http.get("/render/", Http.bearer("submit-token"));
    assertEquals(403, forbidden.status());
    assertEquals("Caller is missing required roles.", forbidden.json().get("detail").asText());

    assertEquals(200, http.get("/render", Http.bearer(TOKEN)).status());
    assertEquals(200, http.get("/ingest/", Http.bearer(TOKEN)).status());
    // access_token is accepted on stream routes only
    assertEquals(401, http.get("/render/?access_token=" + TOKEN).status());
  }

  @Test
  void reviewWithoutABackendIs503AfterAuthentication() {
    assertEquals(401, http.get("/review/projects/alpha/playlists").status());
    Http.Answer answer = http.get("/review/projects/alpha/playlists/Dailies", Http.bearer(TOKEN));
    assertEquals(503, answer.status());
    assertEquals("Review backend is not configured.", answer.json().get("detail").asText());
    assertEquals(503, http.get("/review/projects/alpha/playlists", "X-API-Key", "plain-key")
        .status());
  }

  @Test
  void unknownPathsAre404WithoutAuthentication() {
    Http.Answer answer = http.get("/no/such/path");
    assertEquals(404, answer.status());
    assertEquals("application/json", answer.mediaType());
    assertEquals("Not Found", answer.json().get("detail").asText());
    assertEquals(404, http.get("/render/nothing-here", Http.bearer(TOKEN)).status());
  }

  @Test
  void wrongMethodIs405WithAllow() {
    Http.Answer answer = http.method("DELETE", "/metrics");
    assertEquals(405, answer.status());
    assertEquals("Method Not Allowed", answer.json().get("detail").asText());
    assertNotNull(answer.header("Allow"));
    assertTrue(answer.header("Allow").contains("GET"), answer.header("Allow"));
  }

  @Test
  void trailingSlashIsIgnored() {
    assertEquals(200, http.get("/metrics/", Http.bearer(TOKEN)).status());
    assertEquals(200, http.get("/render/", Http.bearer(TOKEN)).status());
  }

  @Test
  void healthAndOpenApiArePublic() {
    Http.Answer live = http.health("/health/live");
    assertEquals(200, live.status(), live.body());
    assertTrue(live.body().contains("\"trafalgar\""), live.body());
    Http.Answer ready = http.health("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    for (String check : new String[] {"render-job-store", "ingest-registry", "shotgrid"}) {
      assertTrue(ready.body().contains(check), ready.body());
    }
    JsonNode enabled = readinessData("render-job-store").get("enabled");
    if (TargetServer.writesHealthDataAsStrings()) {
      assertEquals("false", enabled.textValue(), "Payara writes every data value as a string");
    } else {
      assertTrue(enabled.isBoolean(), enabled.toString());
      assertFalse(enabled.booleanValue());
    }
    Http.Answer openapi = http.get("/openapi");
    assertEquals(200, openapi.status());
    assertTrue(openapi.body().contains("1.0.0"), openapi.body());
    assertTrue(openapi.body().contains("/render"), openapi.body());
    assertTrue(openapi.body().contains("/render/jobs/ws"), openapi.body());
  }

  private JsonNode readinessData(String name) {
    for (JsonNode check : http.health("/health/ready").json().get("checks")) {
      if (check.get("name").asText().equals(name)) {
        return check.get("data");
      }
    }
    throw new AssertionError("no readiness check " + name);
  }
}
