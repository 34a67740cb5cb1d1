package com.trafalgar.it.render;

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
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, bounded cost, over real HTTP: numbers with huge exponents in every JSON-reading path
 * (submission, cache settings, delivery manifests, offline versions) are answered at once, the
 * strings of a submission have documented length limits, and {@code /render/health} names no
 * absolute path and no exception class when the store's directory is broken.
 *
 * <p>Each hostile request is sent with a 5 s client timeout: not a timing assertion (the answers
 * take milliseconds), but the previous code spent minutes on them, so there the request fails.
 */
@WarTest
class BoundedCostIT {
  static final String TOKEN = "bounded-it-token";
  static final String SUBMITTER = "bounded-submit-token";
  static final Path DIR = Path.of("target/it-bounded-cost").toAbsolutePath();
  static final Path STORE = DIR.resolve("store").resolve("jobs.json");
  static final String BODY = "{\"dcc\": \"maya\", \"scene\": \"/s.ma\", \"output\": \"/o\"";
  static final String INT_TYPE =
      "{\"detail\":[{\"type\":\"int_type\",\"loc\":[\"%s\"],\"msg\":\"Input should be a valid"
          + " integer\"}]}";
  /** Short to write, minutes to expand: the numbers of the issue and their relatives. */
  static final String[] HOSTILE = {"1e-40000000", "-1e-40000000", "1e-4000000", "1E+999999999",
      "-1e999999999", "0.5e-99999999", "1" + "0".repeat(900) + "e-40000000"};

  @Deployment(testable = false)
  static WebArchive deployment() throws IOException {
    Deployments.freshDirectory(DIR);
    Files.createDirectories(STORE.getParent());
    Files.writeString(STORE, "[]");
    // a directory squatting on the rotation target: every snapshot write fails to rotate
    Files.createDirectories(STORE.resolveSibling("jobs.json.bak").resolve("squatter"));
    Path manifests = Files.createDirectories(DIR.resolve("deliveries/alpha/tiny"));
    Files.writeString(manifests.resolve("manifest.json"), "{\"name\": \"Tiny\","
        + " \"created_at\": 1e-40000000,"
        + " \"files\": [{\"path\": \"a.exr\", \"size\": 1e-40000000}]}");
    Files.writeString(Files.createDirectories(DIR.resolve("deliveries/alpha/negative"))
        .resolve("manifest.json"), "{\"created_at\": -1e-40000000, \"files\": []}");
    // an exponent beyond 32 bits: no BigDecimal can hold it, so the manifest is unreadable
    Files.writeString(Files.createDirectories(DIR.resolve("deliveries/alpha/beyond"))
        .resolve("manifest.json"), "{\"created_at\": 1e-99999999999, \"files\": []}");
    Files.writeString(DIR.resolve("offline.json"), "{\"projects\": [\"alpha\"], \"versions\": ["
        + "{\"project\": \"alpha\", \"shot\": \"EP01_SC001_SH0010\", \"version\": 1e-40000000,"
        + " \"status\": \"pub\", \"timestamp\": 1e-40000000},"
        + "{\"project\": \"alpha\", \"shot\": \"EP01_SC001_SH0020\", \"version_number\": 7.0,"
        + " \"status\": \"pub\", \"timestamp\": -1e-4000000}], \"playlists\": []}");
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_SERVICE_CREDENTIALS", "[{\"id\": \"submitter\", \"token\": \"" + SUBMITTER
            + "\", \"roles\": \"render:submit\"}]",
        "TRAFALGAR_RENDER_JOBS_PATH", STORE.toString(),
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0",
        "TRAFALGAR_DELIVERIES_ROOT", DIR.resolve("deliveries").toString(),
        "TRAFALGAR_OFFLINE_DATA", DIR.resolve("offline.json").toString(),
        "ONEPIECE_INGEST_REGISTRY", DIR.resolve("no-ingest-registry.json").toString());
  }

  @ArquillianResource Http http;

  /** A request that must be answered within 5 s; a hang surfaces as a timeout failure. */
  Http.Answer prompt(String method, String path, String json, String token) {
    HttpRequest.Builder request = http.request(path, "Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(5));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      return http.send(request.build());
    } catch (UncheckedIOException e) {
      throw new AssertionError(method + " " + path + " " + json + " was not answered in 5 s", e);
    }
  }

  static JsonNode json(String text) {
    try {
      return Http.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void hostileNumbersInASubmissionAreNotIntegersAndAreAnsweredAtOnce() {
    for (String number : HOSTILE) {
      for (String field : new String[] {"priority", "chunk_size"}) {
        String body = "{\"dcc\":\"maya\",\"scene\":\"/s\",\"output\":\"/o\",\"" + field + "\":"
            + number + "}";
        Http.Answer answer = prompt("POST", "/render/jobs", body, SUBMITTER);
        assertEquals(422, answer.status(), body + " -> " + answer.body());
        assertEquals(json(String.format(INT_TYPE, field)), answer.json(), body);
      }
    }
    // an exponent beyond 32 bits cannot be represented at all: the body is undecodable
    for (String path : new String[] {"/render/jobs", "/admin/cache"}) {
      Http.Answer beyond = prompt("POST", path, "{\"priority\": 1e-99999999999,"
          + " \"max_records\": 1e99999999999}", TOKEN);
      assertEquals(422, beyond.status(), path + " -> " + beyond.body());
      assertEquals(json("{\"detail\": [{\"type\": \"json_invalid\", \"loc\": [\"body\"],"
          + " \"msg\": \"JSON decode error\"}]}"), beyond.json());
    }
    // ordinary values keep the contract: 5.0 is 5, and a huge integer meets the farm's bounds
    Http.Answer integral = prompt("POST", "/render/jobs", BODY + ", \"priority\": 5.0}", TOKEN);
    assertEquals(201, integral.status(), integral.body());
    Http.Answer huge = prompt("POST", "/render/jobs", BODY + ", \"priority\": 1e400}", TOKEN);
    assertEquals(422, huge.status(), huge.body());
    assertEquals("render.invalid_request", huge.json().get("error").get("code").asText());
  }

  @Test
  void hostileNumbersOnTheOtherJsonPathsAreAnsweredAtOnce() {
    Http.Answer records = prompt("POST", "/admin/cache", "{\"max_records\": 1e-40000000}", TOKEN);
    assertEquals(422, records.status(), records.body());
    assertEquals(json("{\"detail\": [{\"type\": \"int_type\", \"loc\": [\"body\", \"max_records\"],"
        + " \"msg\": \"Input should be a valid integer\"}]}"), records.json());
    Http.Answer clamped = prompt("POST", "/admin/cache",
        "{\"ttl_seconds\": 1e-40000000, \"max_projects\": 1E+999999999}", TOKEN);
    assertEquals(200, clamped.status(), clamped.body());

    // delivery manifests: epoch seconds floored, the file list passed through untouched, the
    // manifest no number type can hold skipped
    Http.Answer deliveries = prompt("GET", "/deliveries/alpha", null, TOKEN);
    assertEquals(200, deliveries.status(), deliveries.body());
    JsonNode listed = deliveries.json();
    assertEquals(2, listed.size(), listed.toString());
    assertEquals("tiny", listed.get(0).get("delivery_id").asText());
    assertEquals("1970-01-01T00:00:00+00:00", listed.get(0).get("created_at").asText());
    // (the client's own parser would read it as 0.0: compare the text sent)
    assertTrue(deliveries.body().contains("\"size\":1E-40000000"), deliveries.body());
    assertEquals("1969-12-31T23:59:59.999999+00:00", listed.get(1).get("created_at").asText());

    // offline version records: a hostile version number is not a version number
    Http.Answer project = prompt("GET", "/projects/alpha", null, TOKEN);
    assertEquals(200, project.status(), project.body());
    JsonNode latest = project.json().get("latest_published");
    assertEquals(2, latest.size(), latest.toString());
    // newest first: the epoch, then a hair before it
    assertEquals("1E-40000000", latest.get(0).get("version").asText(), latest.toString());
    assertEquals("1970-01-01T00:00:00+00:00", latest.get(0).get("timestamp").asText());
    assertEquals("v007", latest.get(1).get("version").asText(), latest.toString());
    assertEquals("1969-12-31T23:59:59.999999+00:00", latest.get(1).get("timestamp").asText());
  }

  @Test
  void everyStringOfASubmissionHasADocumentedLengthLimit() {
    Http.Answer atLimit = prompt("POST", "/render/jobs", "{\"dcc\": \"maya\", \"scene\": \"/"
        + "s".repeat(4095) + "\", \"output\": \"" + "o".repeat(4096) + "\", \"frames\": \""
        + "1,".repeat(8191) + "10\", \"user\": \"" + "u".repeat(256) + "\"}", SUBMITTER);
    assertEquals(201, atLimit.status(), atLimit.body());

    Http.Answer over = prompt("POST", "/render/jobs", "{\"dcc\": \"" + "d".repeat(257)
        + "\", \"scene\": \"/" + "s".repeat(4096) + "\", \"frames\": \"" + "1".repeat(16_385)
        + "\", \"output\": \"" + "o".repeat(4097) + "\", \"farm\": \"" + "f".repeat(257)
        + "\", \"user\": \"" + "u".repeat(300_000) + "\"}", SUBMITTER);
    assertEquals(422, over.status(), over.body());
    assertEquals(json("{\"detail\": ["
        + "{\"type\": \"value_error\", \"loc\": [\"dcc\"],"
        + " \"msg\": \"Value must be at most 256 characters long.\"},"
        + "{\"type\": \"value_error\", \"loc\": [\"scene\"],"
        + " \"msg\": \"Value must be at most 4096 characters long.\"},"
        + "{\"type\": \"value_error\", \"loc\": [\"frames\"],"
        + " \"msg\": \"Value must be at most 16384 characters long.\"},"
        + "{\"type\": \"value_error\", \"loc\": [\"output\"],"
        + " \"msg\": \"Value must be at most 4096 characters long.\"},"
        + "{\"type\": \"value_error\", \"loc\": [\"farm\"],"
        + " \"msg\": \"Value must be at most 256 characters long.\"},"
        + "{\"type\": \"value_error\", \"loc\": [\"user\"],"
        + " \"msg\": \"Value must be at most 256 characters long.\"}]}"), over.json());
  }

  @Test
  void healthNamesNeitherAbsolutePathsNorExceptionClassesWhenTheStoreIsBroken()
      throws InterruptedException {
    Http.Answer created = prompt("POST", "/render/jobs", BODY + "}", SUBMITTER);
    assertEquals(201, created.status(), created.body());
    String error = null;
    Http.Answer health = null;
    for (int i = 0; i < 100 && error == null; i++) {
      health = prompt("GET", "/render/health", null, TOKEN);
      assertEquals(200, health.status(), health.body());
      JsonNode value = health.json().get("render_history").get("store").get("last_rotation_error");
      error = value.isNull() ? null : value.asText();
      if (error == null) {
        Thread.sleep(100);
      }
    }
    assertNotNull(error, "the squatted .bak never failed a rotation: " + health.body());
    assertEquals("renaming jobs.json to jobs.json.bak failed: is a directory", error);
    assertFalse(health.body().contains(DIR.toString()), health.body());
    assertFalse(health.body().contains("Exception"), health.body());
    assertFalse(health.body().contains("java."), health.body());
    assertTrue(health.body().contains("\"history_size\""), health.body());
  }
}
