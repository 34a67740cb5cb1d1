package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The HTTP conventions of API.md 1.6, 2 and 15 on real routes: the check order (auth before body
 * errors), 413/415/422 shapes, 405 with Allow on fixed segments, encoded slashes, and JSON for errors
 * the container raises itself.
 */
@WarTest
class HttpConventionsIT {
  static final String TOKEN = "conventions-token";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_SERVICE_CREDENTIALS",
        "[{\"id\": \"reader\", \"token\": \"read-only\", \"roles\": \"render:read\"}]");
  }

  @ArquillianResource Http http;

  @Test
  void authenticationComesBeforeBodyChecks() {
    String huge = "x".repeat(2 * 1024 * 1024);
    assertEquals(401, http.post("/render/jobs", huge, "Content-Type", "text/plain").status());
    assertEquals(403, http.post("/render/jobs", "{", Http.bearer("read-only")[0],
        Http.bearer("read-only")[1], "Content-Type", "application/json").status());
  }

  @Test
  void bodyTooLargeIs413BeforeMediaType() {
    String huge = "x".repeat(RequestLimits.ONE_MIB + 1);
    Http.Answer answer = http.fresh().post("/render/jobs", huge, "Authorization", "Bearer " + TOKEN,
        "Content-Type", "text/plain");
    assertEquals(413, answer.status());
    assertEquals("Request body exceeds the 1 MiB limit.", answer.json().get("detail").asText());
    Http.Answer admin = http.fresh().post("/admin/cache", huge, "Authorization", "Bearer " + TOKEN,
        "Content-Type", "application/json");
    assertEquals(413, admin.status());
  }

  @Test
  void nonJsonBodyIs415() {
    Http.Answer answer = http.post("/render/jobs", "dcc=maya", "Authorization", "Bearer " + TOKEN,
        "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(415, answer.status());
    assertEquals("Unsupported Media Type", answer.json().get("detail").asText());
    // media types compare case-insensitively and parameters are allowed (15)
    Http.Answer mixedCase = http.post("/render/jobs", "{", "Authorization", "Bearer " + TOKEN,
        "Content-Type", "Application/JSON; charset=utf-8");
    assertEquals(422, mixedCase.status());
  }

  @Test
  void bodyShapeErrorsAre422() {
    String[] auth = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"};
    JsonNode invalid = http.post("/render/jobs", "{\"dcc\": ", auth).json().get("detail").get(0);
    assertEquals("json_invalid", invalid.get("type").asText());
    assertEquals("[\"body\"]", invalid.get("loc").toString());
    assertEquals("JSON decode error", invalid.get("msg").asText());

    Http.Answer empty = http.post("/render/jobs", "", "Authorization", "Bearer " + TOKEN);
    assertEquals(422, empty.status());
    assertEquals("missing", empty.json().get("detail").get(0).get("type").asText());

    JsonNode notObject = http.post("/render/jobs", "[1,2]", auth).json().get("detail").get(0);
    assertEquals("object_type", notObject.get("type").asText());
    assertEquals("Input should be a valid JSON object", notObject.get("msg").asText());

    Http.Answer admin = http.post("/admin/cache", "{\"max_records\": -1}", auth);
    assertEquals(422, admin.status());
    JsonNode entry = admin.json().get("detail").get(0);
    assertEquals("greater_than_equal", entry.get("type").asText());
    assertEquals("[\"body\",\"max_records\"]", entry.get("loc").toString());
  }

  @Test
  void fixedSegmentsAreNeverIds() {
    Http.Answer delete = http.delete("/render/jobs/metrics", "Authorization", "Bearer " + TOKEN);
    assertEquals(405, delete.status());
    assertTrue(delete.header("Allow").contains("GET"), delete.header("Allow"));
    assertEquals(405, http.post("/render/jobs/stream", "", "Authorization",
        "Bearer " + TOKEN).status());
    assertEquals(405, http.method("PUT", "/render/jobs").status());
  }

  @Test
  void encodedSlashesReachPathParameters() {
    Http.Answer answer = http.get("/render/jobs/a%2Fb", "Authorization", "Bearer " + TOKEN);
    assertEquals(404, answer.status());
    assertEquals("Job not found.", answer.json().get("detail").asText());
  }

  @Test
  void theContainersErrorPageIsJson() {
    // web.xml routes container-raised errors here; requested directly it is no route
    Http.Answer answer = http.get("/__trafalgar/error");
    assertEquals(404, answer.status());
    assertEquals("application/json", answer.mediaType());
    assertEquals("Not Found", answer.json().get("detail").asText());
  }

  /** Sizes used above. */
  static final class RequestLimits {
    static final int ONE_MIB = 1_048_576;
  }
}
