package com.trafalgar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.testing.PostgresServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The clustered mode's job store on a real server and a real PostgreSQL (issue 14): the container
 * DataSource found by its JNDI name, the schema migrated at startup by the WAR, a {@code 201} that
 * means a committed row, {@code kill -9} losing no acknowledged job, and clear {@code 503}s while
 * the database is down with recovery once it is back.
 *
 * <p>Payara Micro only, as {@code RenderRestartIT}: it starts and kills server processes itself.
 */
@EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "payara-micro")
class ClusterStoreIT {
  static final Path WORK = Path.of("target/it-cluster").toAbsolutePath();
  static final String BODY =
      "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/o\",\"frames\":\"1-1000\"}";
  static Path war;

  PostgresServer database;
  final List<MicroInstance> instances = new ArrayList<>();

  @BeforeAll
  static void buildWar() throws IOException {
    Files.createDirectories(WORK);
    war = WORK.resolve("ROOT.war");
    Deployments.trafalgar(Map.of()).as(ZipExporter.class).exportTo(war.toFile(), true);
  }

  @BeforeEach
  void startDatabase() {
    PostgresServer.assumeAvailable();
    database = PostgresServer.start(false);
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    for (MicroInstance instance : instances) {
      instance.kill();
    }
    if (database != null) {
      database.stop();
    }
  }

  MicroInstance instance(String name) throws Exception {
    MicroInstance instance = new MicroInstance(WORK, name).start(war, database,
        Map.of("TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0.5"));
    instances.add(instance);
    return instance;
  }

  @Test
  void acknowledgedJobsAreCommittedRowsAndSurviveKillDashNine() throws Exception {
    MicroInstance first = instance("first");
    HttpClient client = HttpClient.newHttpClient();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      running.add(clients.submit(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            HttpResponse<String> answer = client.send(post(first), HttpResponse.BodyHandlers
                .ofString());
            if (answer.statusCode() == 201) {
              acknowledged.add(Http.JSON.readTree(answer.body()).get("job_id").asText());
            }
          } catch (IOException serverGone) {
            return null;
          }
        }
        return null;
      }));
    }
    while (acknowledged.size() < 200) {
      Thread.sleep(20);
    }
    first.kill();
    clients.shutdownNow();
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (Exception ignored) {
        // clients end when the server dies
      }
    }
    Set<String> snapshot = new HashSet<>(acknowledged);
    Set<String> rows = rows();
    Set<String> missing = new HashSet<>(snapshot);
    missing.removeAll(rows);
    assertTrue(missing.isEmpty(), missing.size() + " acknowledged jobs have no row");

    MicroInstance second = instance("second");
    Set<String> listed = new HashSet<>();
    JsonNode jobs = get(client, second, "/render/jobs").get("jobs");
    jobs.forEach(job -> listed.add(job.get("job_id").asText()));
    missing = new HashSet<>(snapshot);
    missing.removeAll(listed);
    assertTrue(missing.isEmpty(), missing.size() + " acknowledged jobs lost of " + snapshot.size());
    JsonNode store = get(client, second, "/render/health").get("render_history").get("store");
    assertEquals("ok", store.get("state").asText());
    assertEquals(rows.size(), store.get("retained_records").asInt());
    assertTrue(store.get("last_rotation_at").isNull(), "a database has no rotation");
    assertTrue(store.get("last_rotation_error").isNull());
  }

  @Test
  void aDatabaseRestartGivesClear503sAndTheServiceRecoversByItself() throws Exception {
    MicroInstance only = instance("restart");
    HttpClient client = HttpClient.newHttpClient();
    assertEquals(201, client.send(post(only), HttpResponse.BodyHandlers.ofString()).statusCode());

    database.stop();
    long sent = System.nanoTime();
    HttpResponse<String> down = client.send(post(only), HttpResponse.BodyHandlers.ofString());
    long waited = (System.nanoTime() - sent) / 1_000_000;
    assertEquals(503, down.statusCode(), down.body());
    assertTrue(down.body().contains("render.store_unavailable"), down.body());
    assertTrue(waited < 35_000, "answered after " + waited + " ms");
    JsonNode failing = get(client, only, "/render/health").get("render_history").get("store");
    assertEquals("failing", failing.get("state").asText());
    String error = failing.get("last_write_error").asText();
    assertTrue(error.startsWith("writing to the job database failed"), error);
    assertTrue(!error.contains("127.0.0.1") && !error.contains("Exception"), error);

    database.restart();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = 0;
    while (System.nanoTime() < deadline && status != 201) {
      status = client.send(post(only), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
    assertEquals(201, status, "the service recovers once the database is back");
    JsonNode ok = get(client, only, "/render/health").get("render_history").get("store");
    assertEquals("ok", ok.get("state").asText());
    assertNull(ok.get("last_write_error").textValue());
  }

  private static HttpRequest post(MicroInstance instance) {
    return instance.request("/render/jobs").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
  }

  private static JsonNode get(HttpClient client, MicroInstance instance, String path)
      throws Exception {
    HttpResponse<String> answer = client.send(instance.request(path).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return Http.JSON.readTree(answer.body());
  }

  private Set<String> rows() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = database.connect(); var s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT job_id FROM trafalgar_render_jobs")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }
}
