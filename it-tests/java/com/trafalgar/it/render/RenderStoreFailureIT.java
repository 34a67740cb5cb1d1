package com.trafalgar.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The job store failing under a running server (issue 12), over real HTTP. The failures are made
 * structurally, because the tests run as root and permission bits would not stop a write: a
 * directory takes the journal's place, so the next journal write fails. The writer's death comes
 * last: it lasts until a restart.
 */
@WarTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RenderStoreFailureIT {
  static final String TOKEN = "store-failure-it-token";
  static final Path STORE = Path.of("target/it-render/store-failure/jobs.json").toAbsolutePath();
  static final Path JOURNAL = STORE.resolveSibling("jobs.json.journal");
  static final Path KILL_WRITER = STORE.resolveSibling("jobs.json.kill-writer");

  @Deployment(testable = false)
  static WebArchive deployment() {
    Deployments.freshDirectory(STORE.getParent());
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_RENDER_JOBS_PATH", STORE.toString(),
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0")
        .addClasses(StoreFailureSetup.class, StoreFailureSetup.CancelOnlyFarm.class);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @ArquillianResource Http http;

  Http.Answer submit(String farm) {
    return http.postJson("/render/jobs", "{\"dcc\": \"maya\", \"scene\": \"/s.ma\","
        + " \"output\": \"/o\", \"farm\": \"" + farm + "\"}", Http.bearer(TOKEN));
  }

  JsonNode store() {
    Http.Answer health = http.get("/render/health", Http.bearer(TOKEN));
    assertEquals(200, health.status(), health.body());
    return health.json().get("render_history").get("store");
  }

  JsonNode readiness(int status) {
    Http.Answer ready = http.health("/health/ready");
    assertEquals(status, ready.status(), ready.body());
    for (JsonNode check : ready.json().get("checks")) {
      if (check.get("name").asText().equals("render-job-store")) {
        return check;
      }
    }
    throw new AssertionError("no render-job-store check: " + ready.body());
  }

  static Path blockJournal() throws IOException {
    return Files.createDirectories(JOURNAL.resolve("blocker"));
  }

  @Test
  @Order(1)
  void aCancelThatCannotBeMadeDurableAnswers503AndChangesNothing() throws IOException {
    Http.Answer created = submit("cancelonly");
    assertEquals(201, created.status(), created.body());
    String id = created.json().get("job_id").asText();
    blockJournal();

    Http.Answer refused = http.delete("/render/jobs/" + id, Http.bearer(TOKEN));
    assertEquals(503, refused.status(), refused.body());
    assertEquals("{\"error\":{\"code\":\"render.store_unavailable\",\"message\":\"Cancellation of"
        + " job '" + id + "' was accepted by farm 'cancelonly' but could not be persisted.\","
        + "\"hint\":\"Check the job store path, permissions and free disk space.\",\"context\":"
        + "{\"farm\":\"cancelonly\",\"job_id\":\"" + id + "\"}}}", refused.json().toString());
    Http.Answer job = http.get("/render/jobs/" + id, Http.bearer(TOKEN));
    assertEquals("queued", job.json().get("status").asText(), job.body());
    JsonNode failing = store();
    assertEquals("failing", failing.get("state").asText(), failing.toString());
    assertTrue(failing.get("last_write_error").asText().contains("jobs.json.journal"),
        failing.toString());
    JsonNode check = readiness(200);
    assertEquals("UP", check.get("status").asText(), check.toString());
    assertEquals("failing", check.get("data").get("state").asText(), check.toString());

    deleteTree(JOURNAL);
    Http.Answer cancelled = http.delete("/render/jobs/" + id, Http.bearer(TOKEN));
    assertEquals(200, cancelled.status(), cancelled.body());
    assertEquals("cancelled", cancelled.json().get("status").asText());
    assertEquals("ok", store().get("state").asText());
    assertTrue(Files.readString(STORE).contains("\"cancelled\""));
  }

  @Test
  @Order(2)
  void aWriterThatDiesMakesReadinessDownAndSubmissionsFailFast() throws IOException {
    blockJournal();
    Files.writeString(KILL_WRITER, "");
    Http.Answer failed = submit("mock");
    assertEquals(503, failed.status(), failed.body());
    assertEquals("render.store_unavailable", failed.json().get("error").get("code").asText());
    deleteTree(JOURNAL);
    Files.delete(KILL_WRITER);

    JsonNode check = readiness(503);
    assertEquals("DOWN", check.get("status").asText(), check.toString());
    assertEquals("down", check.get("data").get("state").asText(), check.toString());
    assertEquals("down", store().get("state").asText());
    long start = System.nanoTime();
    Http.Answer later = submit("mock");
    long took = System.nanoTime() - start;
    assertEquals(503, later.status(), later.body());
    assertEquals("render.store_unavailable", later.json().get("error").get("code").asText());
    assertTrue(took < Duration.ofSeconds(5).toNanos(),
        "a dead writer must not make submissions wait for the store timeout: " + took);
  }
}
