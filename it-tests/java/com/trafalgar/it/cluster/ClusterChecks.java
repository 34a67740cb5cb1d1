package com.trafalgar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Http;
import com.trafalgar.testing.PostgresServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * What the clustered-mode ITs check on one instance, whichever server runs it (Payara Micro
 * processes of {@code ClusterStoreIT}, the suite's WildFly and Payara Server in {@code
 * ClusterDataSourceIT}): submissions, the rows PostgreSQL holds, the store's health figures and
 * the behaviour over a database restart.
 */
final class ClusterChecks {
  static final String BODY =
      "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/o\",\"frames\":\"1-1000\"}";

  private final PostgresServer database;
  private final Function<String, HttpRequest.Builder> request;
  private final HttpClient client = HttpClient.newHttpClient();

  /**
   * Checks of the instance that {@code request} addresses (a request builder for a path, with
   * the instance's credential) on {@code database}.
   */
  ClusterChecks(PostgresServer database, Function<String, HttpRequest.Builder> request) {
    this.database = database;
    this.request = request;
  }

  /** A valid {@code POST /render/jobs}. */
  HttpRequest submission() {
    return request.apply("/render/jobs").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
  }

  HttpResponse<String> submit() throws Exception {
    return client.send(submission(), HttpResponse.BodyHandlers.ofString());
  }

  /** Submits a job, expects its {@code 201} and returns its id. */
  String submitAcknowledged() throws Exception {
    HttpResponse<String> answer = submit();
    assertEquals(201, answer.statusCode(), answer.body());
    return Http.JSON.readTree(answer.body()).get("job_id").asText();
  }

  /** {@code GET path}, expected {@code 200}, as JSON. */
  JsonNode get(String path) throws Exception {
    HttpResponse<String> answer = client.send(request.apply(path).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return Http.JSON.readTree(answer.body());
  }

  /** The ids {@code GET /render/jobs} lists. */
  Set<String> listed() throws Exception {
    Set<String> ids = new HashSet<>();
    get("/render/jobs").get("jobs").forEach(job -> ids.add(job.get("job_id").asText()));
    return ids;
  }

  /** {@code /render/health}'s {@code render_history.store}. */
  JsonNode store() throws Exception {
    return get("/render/health").get("render_history").get("store");
  }

  /** The job ids committed in PostgreSQL, read with JDBC beside the service. */
  Set<String> rows() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = database.connect(); var s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT job_id FROM trafalgar_render_jobs")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  /** The health figures are the database store's: every committed row, no rotation, {@code ok}. */
  void healthReportsTheDatabaseStore() throws Exception {
    JsonNode store = store();
    assertEquals("ok", store.get("state").asText(), store.toString());
    assertEquals(rows().size(), store.get("retained_records").asInt(), store.toString());
    assertTrue(store.get("last_rotation_at").isNull(), "a database has no rotation");
    assertTrue(store.get("last_rotation_error").isNull(), store.toString());
  }

  /**
   * While the database is down a submission gets {@code 503 render.store_unavailable} within the
   * request timeout and the store reports {@code failing} with a path-free error; once the
   * database is back the service accepts jobs again by itself.
   */
  void databaseRestartGivesClear503sAndTheServiceRecovers() throws Exception {
    submitAcknowledged();

    database.stop();
    long sent = System.nanoTime();
    HttpResponse<String> down = submit();
    long waited = (System.nanoTime() - sent) / 1_000_000;
    assertEquals(503, down.statusCode(), down.body());
    assertTrue(down.body().contains("render.store_unavailable"), down.body());
    assertTrue(waited < 35_000, "answered after " + waited + " ms");
    JsonNode failing = store();
    assertEquals("failing", failing.get("state").asText());
    String error = failing.get("last_write_error").asText();
    assertTrue(error.startsWith("writing to the job database failed"), error);
    assertTrue(!error.contains("127.0.0.1") && !error.contains("Exception"), error);

    database.restart();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = 0;
    while (System.nanoTime() < deadline && status != 201) {
      status = submit().statusCode();
    }
    assertEquals(201, status, "the service recovers once the database is back");
    JsonNode ok = store();
    assertEquals("ok", ok.get("state").asText());
    assertNull(ok.get("last_write_error").textValue());
  }
}
