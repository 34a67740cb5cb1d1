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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The render routes over real HTTP against a server with the job store on, a small mock speed,
 * a history limit, the documented example adapter and a discovered CDI adapter bean.
 */
@WarTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RenderJobsIT {
  static final String TOKEN = "render-it-token";
  static final int LIMIT = 40;
  static final Path STORE = Path.of("target/it-render/jobs-it/jobs.json").toAbsolutePath();
  static final String CREDENTIALS = "[{\"id\": \"submitter\", \"token\": \"submit-token\","
      + " \"roles\": \"render:submit\"}, {\"id\": \"manager\", \"token\": \"manage-token\","
      + " \"roles\": \"render:manage\"}]";
  static final String BODY = "{\"dcc\": \"maya\", \"scene\": \"/shows/demo/a.ma\","
      + " \"output\": \"/renders/a\"";

  @Deployment(testable = false)
  static WebArchive deployment() {
    Deployments.freshDirectory(STORE.getParent());
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_SERVICE_CREDENTIALS", CREDENTIALS,
        "TRAFALGAR_RENDER_JOBS_PATH", STORE.toString(),
        "TRAFALGAR_RENDER_JOBS_HISTORY_LIMIT", String.valueOf(LIMIT),
        "TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME", "0.05",
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0.2")
        .addClasses(StudioFarmAdapter.class, StudioFarmSetup.class, OfflineFarmAdapter.class);
  }

  @ArquillianResource Http http;

  Http.Answer submit(String body) {
    return http.postJson("/render/jobs", body, Http.bearer(TOKEN));
  }

  Http.Answer get(String path) {
    return http.get(path, Http.bearer(TOKEN));
  }

  static String envelope(String code, String message, String hint, String context) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\""
        + (hint == null ? "" : ",\"hint\":\"" + hint + "\"")
        + (context == null ? "" : ",\"context\":" + context) + "}}";
  }

  @Test
  @Order(1)
  void farmsListBuiltInsAndRegisteredAdapters() {
    Http.Answer farms = get("/render/farms");
    assertEquals(200, farms.status());
    assertEquals("application/json", farms.mediaType());
    assertEquals(farms.json(), get("/farms").json());
    List<String> names = new ArrayList<>();
    farms.json().get("farms").forEach(farm -> names.add(farm.get("name").asText()));
    assertEquals(List.of("deadline", "mock", "offline", "opencue", "studiofarm", "tractor"), names);
    JsonNode mock = farms.json().get("farms").get(1);
    assertEquals("{\"name\":\"mock\",\"description\":\"Mock render farm for testing and demos.\","
        + "\"capabilities\":{\"priority\":{\"default\":50,\"minimum\":0,\"maximum\":100},"
        + "\"chunking\":{\"enabled\":true,\"minimum\":1,\"maximum\":10,\"default\":5},"
        + "\"cancellation\":{\"supported\":false}}}", mock.toString());
    JsonNode deadline = farms.json().get("farms").get(0);
    assertEquals("Autodesk Deadline render manager (stub).", deadline.get("description").asText());
    assertEquals("{\"priority\":{\"default\":50,\"minimum\":0,\"maximum\":100},\"chunking\":"
        + "{\"enabled\":true,\"minimum\":1,\"maximum\":50,\"default\":10},\"cancellation\":"
        + "{\"supported\":false}}", deadline.get("capabilities").toString());
    JsonNode offline = farms.json().get("farms").get(2);
    assertEquals("Render farm adapter registered as 'offline'.",
        offline.get("description").asText());
    JsonNode studio = farms.json().get("farms").get(4);
    assertTrue(studio.get("capabilities").get("cancellation").get("supported").asBoolean());
    assertEquals(403, http.get("/render/farms", Http.bearer("submit-token")).status());
  }

  @Test
  @Order(2)
  void submissionMatrix() {
    Http.Answer created = submit(BODY + ", \"farm\": \" MOCK \", \"frames\": \"1-5x2, 7\"}");
    assertEquals(201, created.status(), created.body());
    assertEquals("application/json", created.mediaType());
    JsonNode job = created.json();
    assertEquals(List.of("job_id", "status", "farm_type", "message"), names(job));
    assertTrue(job.get("job_id").asText().matches("mock-[0-9a-f]{32}"), job.toString());
    assertEquals("submitted", job.get("status").asText());
    assertTrue(job.get("message").isNull());
    Http.Answer alias = http.postJson("/jobs", BODY + "}", Http.bearer("submit-token"));
    assertEquals(201, alias.status(), alias.body());

    String[][] placeholders = {{"deadline", "Deadline"}, {"tractor", "Tractor"},
        {"opencue", "OpenCue"}};
    for (String[] farm : placeholders) {
      Http.Answer answer = submit("{\"dcc\": \" Nuke\", \"scene\": \" /s.nk \", \"output\": \"/o\","
          + " \"farm\": \"" + farm[0] + "\"}");
      assertEquals(501, answer.status(), answer.body());
      assertEquals(envelope("adapter.not_implemented", farm[1] + " adapter is not implemented yet.",
          "Switch to the mock adapter for local development or configure the " + farm[1]
              + " integration.",
          "{\"adapter\":\"" + farm[0] + "\",\"scene\":\"/s.nk\",\"dcc\":\"nuke\"}"),
          answer.body());
    }

    Http.Answer tractorPriority = submit(BODY + ", \"farm\": \"tractor\", \"priority\": 0}");
    assertEquals(422, tractorPriority.status());
    assertEquals(envelope("render.invalid_request",
        "Priority 0 is below the supported minimum of 1 (--priority).",
        "Check the farm capabilities and adjust priority or chunk size values before retrying.",
        "{\"farm\":\"tractor\",\"priority\":0,\"chunk_size\":null}"), tractorPriority.body());
    Http.Answer mockChunk = submit(BODY + ", \"chunk_size\": 11}");
    assertEquals(422, mockChunk.status());
    assertEquals("Chunk size 11 exceeds the supported maximum of 10 (--chunk-size).",
        mockChunk.json().get("error").get("message").asText());
    Http.Answer offlineChunk = submit(BODY + ", \"farm\": \"offline\", \"chunk_size\": 2}");
    assertEquals(422, offlineChunk.status());
    assertEquals("Chunk sizing is not supported by this adapter (--chunk-size).",
        offlineChunk.json().get("error").get("message").asText());

    Http.Answer unavailable = submit(BODY + ", \"farm\": \"offline\"}");
    assertEquals(503, unavailable.status());
    assertEquals(envelope("adapter.unavailable", "Farm 'offline' cannot be reached.",
        "Check the VPN.", null), unavailable.body().replaceAll(",\"context\":\\{[^}]*}", ""));
    assertEquals(9000, unavailable.json().get("error").get("context").get("port").asInt());
    Http.Answer rejected = submit("{\"dcc\": \"maya\", \"scene\": \"/a.tmp\", \"output\": \"/o\","
        + " \"farm\": \"studiofarm\"}");
    assertEquals(409, rejected.status());
    assertEquals(envelope("adapter.job_rejected", "The farm refuses temporary scenes.",
        "Save the scene under its final name and submit again.", "{\"scene\":\"/a.tmp\"}"),
        rejected.body());
  }

  @Test
  @Order(3)
  void badInputIsAJson4xx() {
    Http.Answer all = submit("{\"dcc\": \"Cobol\", \"scene\": 1, \"frames\": \"10-1\","
        + " \"farm\": \"nowhere\", \"priority\": true, \"chunk_size\": 0, \"user\": \" \"}");
    assertEquals(422, all.status());
    assertEquals("{\"detail\":["
        + "{\"type\":\"value_error\",\"loc\":[\"dcc\"],\"msg\":\"Unsupported DCC 'Cobol'. Choose one"
        + " of: blender, houdini, max, maya, nuke.\"},"
        + "{\"type\":\"string_type\",\"loc\":[\"scene\"],\"msg\":\"Input should be a valid string\"},"
        + "{\"type\":\"value_error\",\"loc\":[\"frames\"],\"msg\":\"Frame range segment '10-1' must"
        + " have the end greater than or equal to the start.\"},"
        + "{\"type\":\"missing\",\"loc\":[\"output\"],\"msg\":\"Field required\"},"
        + "{\"type\":\"value_error\",\"loc\":[\"farm\"],\"msg\":\"Unknown farm 'nowhere'. Choose one"
        + " of: deadline, mock, offline, opencue, studiofarm, tractor.\"},"
        + "{\"type\":\"int_type\",\"loc\":[\"priority\"],\"msg\":\"Input should be a valid integer\"},"
        + "{\"type\":\"greater_than_equal\",\"loc\":[\"chunk_size\"],"
        + "\"msg\":\"Input should be greater than or equal to 1\"},"
        + "{\"type\":\"value_error\",\"loc\":[\"user\"],\"msg\":\"Value cannot be empty.\"}]}",
        all.body());
    assertEquals("[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\"}]",
        http.post("/render/jobs", "", Http.bearer(TOKEN)).json().get("detail").toString());
    assertEquals("object_type", submit("[1]").json().get("detail").get(0).get("type").asText());
    assertEquals("json_invalid", submit("{\"dcc\":").json().get("detail").get(0).get("type")
        .asText());
    assertEquals(415, http.post("/render/jobs", BODY + "}", "Content-Type", "text/plain",
        "Authorization", "Bearer " + TOKEN).status());
    String huge = "9".repeat(40);
    Http.Answer bigFrames = submit(BODY + ", \"frames\": \"-" + huge + "-" + huge + "x" + huge
        + "\"}");
    assertEquals(201, bigFrames.status(), bigFrames.body());
    // as many segments as the frames length limit allows (16,384 characters, docs/render.md)
    String many = String.join(",", java.util.Collections.nCopies(2340, "1-10x3"));
    assertEquals(201, submit(BODY + ", \"frames\": \"" + many + "\"}").status());
    String tooMany = String.join(",", java.util.Collections.nCopies(10_000, "1-10x3"));
    Http.Answer tooLong = submit(BODY + ", \"frames\": \"" + tooMany + "\"}");
    assertEquals(422, tooLong.status());
    assertEquals("{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"frames\"],"
        + "\"msg\":\"Value must be at most 16384 characters long.\"}]}", tooLong.body());
    Http.Answer unicode = submit("{\"dcc\": \"m\u00e4ya\u2603\", \"scene\": \"\u00fc\","
        + " \"output\": \"" + "x".repeat(500_000) + "\"}");
    assertEquals(422, unicode.status());
    assertEquals("Unsupported DCC 'm\u00e4ya\u2603'. Choose one of: blender, houdini, max, maya,"
        + " nuke.", unicode.json().get("detail").get(0).get("msg").asText());
    assertEquals(404, get("/render/jobs/no-such-job").status());
    assertEquals("{\"detail\":\"Job not found.\"}", get("/jobs/no-such-job").body());
  }

  @Test
  @Order(4)
  void listingFiltersOrderAndLimit() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(submit(BODY + ", \"frames\": \"1-100000\"}").json().get("job_id").asText());
    }
    String studio = submit(BODY + ", \"farm\": \"studiofarm\"}").json().get("job_id").asText();
    JsonNode two = get("/jobs?limit=2").json().get("jobs");
    assertEquals(2, two.size());
    assertEquals(studio, two.get(0).get("job_id").asText());
    assertEquals(ids.get(2), two.get(1).get("job_id").asText());
    JsonNode mockRunning = get("/render/jobs?farm=%20MOCK%20&status=running&status=queued&limit=2")
        .json().get("jobs");
    assertEquals(List.of(ids.get(2), ids.get(1)), List.of(mockRunning.get(0).get("job_id").asText(),
        mockRunning.get(1).get("job_id").asText()));
    JsonNode studioJobs = get("/render/jobs?farm=studiofarm&farm=").json().get("jobs");
    assertEquals(1, studioJobs.size());
    JsonNode metadata = studioJobs.get(0);
    assertEquals(List.of("job_id", "farm", "farm_type", "status", "message", "request",
        "submitted_at"), names(metadata));
    assertEquals(List.of("dcc", "scene", "frames", "output", "farm", "priority", "chunk_size",
        "user"), names(metadata.get("request")));
    assertEquals(5, metadata.get("request").get("chunk_size").asInt());
    assertTrue(metadata.get("request").get("user").isNull());
    assertTrue(metadata.get("submitted_at").asText().endsWith("+00:00"));
    assertEquals(metadata, get("/render/jobs/" + studio).json());

    Http.Answer zero = get("/render/jobs?limit=0");
    assertEquals(422, zero.status());
    assertEquals("[{\"type\":\"greater_than\",\"loc\":[\"query\",\"limit\"],"
        + "\"msg\":\"Input should be greater than 0\"}]", zero.json().get("detail").toString());
    assertEquals("int_type", get("/jobs?limit=1.5").json().get("detail").get(0).get("type")
        .asText());
  }

  @Test
  @Order(5)
  void cancellationOutcomes() {
    String mock = submit(BODY + "}").json().get("job_id").asText();
    Http.Answer unknown = http.delete("/render/jobs/unknown", Http.bearer("manage-token"));
    assertEquals(404, unknown.status());
    assertEquals("{\"detail\":\"Job not found.\"}", unknown.body());
    Http.Answer unsupported = http.delete("/jobs/" + mock, Http.bearer("manage-token"));
    assertEquals(409, unsupported.status());
    assertEquals(envelope("render.cancellation_unsupported",
        "Render farm 'mock' does not support job cancellation.",
        "Retry cancellation through the farm's native tooling or use an adapter that exposes"
            + " cancellation APIs.", "{\"farm\":\"mock\",\"job_id\":\"" + mock + "\"}"),
        unsupported.body());
    assertEquals(403, http.delete("/jobs/" + mock, Http.bearer(
        "submit-token")).status());

    String studio = submit(BODY + ", \"farm\": \"studiofarm\"}").json().get("job_id").asText();
    Http.Answer cancelled = http.delete("/render/jobs/" + studio, Http.bearer(TOKEN));
    assertEquals(200, cancelled.status(), cancelled.body());
    assertEquals("cancelled", cancelled.json().get("status").asText());
    assertEquals("Cancelled from Trafalgar.", cancelled.json().get("message").asText());
    assertEquals("cancelled", get("/render/jobs/" + studio).json().get("status").asText());

    Http.Answer fixed = http.delete("/render/jobs/metrics", Http.bearer(TOKEN));
    assertEquals(405, fixed.status());
    assertEquals("Method Not Allowed", fixed.json().get("detail").asText());
    assertNotNull(fixed.header("Allow"));
  }

  @Test
  @Order(6)
  void mockJobsComplete() throws InterruptedException {
    String id = submit(BODY + ", \"frames\": \"1-3\"}").json().get("job_id").asText();
    String status = "";
    for (int i = 0; i < 200 && !status.equals("completed"); i++) {
      Thread.sleep(100);
      status = get("/render/jobs/" + id).json().get("status").asText();
    }
    assertEquals("completed", status);
    JsonNode metrics = get("/jobs/metrics").json();
    assertEquals(metrics.get("total_jobs").asInt(), get("/render/health").json()
        .get("render_summary").get("total_jobs").asInt());
    assertTrue(metrics.get("statuses").get("completed").get("count").asInt() >= 1);
    assertTrue(metrics.get("adapters").get("mock").get("average_completion_seconds").isDouble());
    assertEquals(List.of("1h", "6h", "24h", "7d"), names(metrics.get("submission_windows")));
  }

  @Test
  @Order(7)
  void healthAfterHistoryPruning() throws IOException, InterruptedException {
    for (int i = 0; i < LIMIT + 5; i++) {
      assertEquals(201, submit(BODY + "}").status());
    }
    JsonNode health = get("/render/health").json();
    assertEquals("ok", health.get("status").asText());
    JsonNode history = health.get("render_history");
    assertEquals(LIMIT, history.get("history_size").asInt());
    assertEquals(LIMIT, history.get("history_limit").asInt());
    assertTrue(history.get("history_pruned_total").asInt() >= 5, history.toString());
    assertTrue(history.get("last_history_pruned").asInt() >= 1);
    assertFalse(history.get("last_history_prune_at").isNull());
    JsonNode store = history.get("store");
    assertEquals(LIMIT, store.get("retained_records").asInt());
    assertEquals(0, store.get("last_pruned_count").asInt());
    assertTrue(store.get("last_pruned_at").isNull());
    assertTrue(store.get("retention_seconds").isNull());
    assertFalse(store.get("last_save_at").isNull());
    assertFalse(store.get("last_rotation_at").isNull());
    assertEquals(LIMIT, health.get("render_summary").get("total_jobs").asInt());
    assertEquals(List.of("subscribers", "published_total", "trimmed_total", "disconnected_total",
        "last_event_id", "replay_buffer_capacity"), names(health.get("events")));
    assertTrue(health.get("events").get("published_total").asInt() > LIMIT);
    assertEquals(LIMIT, get("/jobs").json().get("jobs").size());
    // the snapshot file follows the journal: small stores are folded before the 201 while a fold
    // is cheap, and on a loaded machine in the background shortly after. The poller may be saving
    // a status change right now (the file is then briefly .bak and .tmp), so the file is read
    // between saves until it holds the whole history.
    JsonNode file = null;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while ((file == null || file.size() != LIMIT) && System.nanoTime() < deadline) {
      file = null;
      try {
        file = Http.JSON.readTree(Files.readAllBytes(STORE));
        if (Files.exists(Path.of(STORE + ".bak")) || Files.exists(Path.of(STORE + ".tmp"))) {
          file = null;
        }
      } catch (java.nio.file.NoSuchFileException duringSave) {
        file = null;
      }
      if (file == null || file.size() != LIMIT) {
        Thread.sleep(20);
      }
    }
    assertNotNull(file, "the store never settled between saves");
    assertTrue(file.isArray());
    assertEquals(LIMIT, file.size());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
