package com.trafalgar.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.Http2Probe;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Durability over real processes: Payara Micro is started here as a child process configured by
 * environment variables, killed with SIGKILL while clients submit, and restarted on the same job
 * store; every acknowledged job must be back. Also a garbage store file at startup.
 *
 * <p>Payara Micro only: it needs a server process of its own to SIGKILL and restart, which only
 * Payara Micro's one-command start gives it; the durability it proves is the WAR's, not the
 * server's.
 */
@EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "payara-micro")
class RenderRestartIT {
  static final String TOKEN = "restart-it-token";
  static final Path WORK = Path.of("target/it-render/restart").toAbsolutePath();
  static final Duration KEEPALIVE = Duration.ofSeconds(1);
  static Path war;

  Process server;
  int port;

  @BeforeAll
  static void buildWar() throws IOException {
    Files.createDirectories(WORK);
    war = WORK.resolve("ROOT.war");
    Deployments.trafalgar(Map.of()).as(ZipExporter.class).exportTo(war.toFile(), true);
  }

  @AfterEach
  void kill() throws InterruptedException {
    if (server != null) {
      server.destroyForcibly().waitFor();
    }
  }

  void start(Path store, String name) throws Exception {
    launch(war, store, name);
    if (!awaitReady(name)) {
      // Payara Micro 6.2025.10 now and then fails to install its JACC policy provider at boot
      // (a NullPointerException in PolicyLoader: no context class loader) and then deploys
      // nothing. That is the platform's flake, not the application's: such a boot is retried once.
      server.destroyForcibly().waitFor();
      launch(war, store, name);
      assertTrue(awaitReady(name), "Payara Micro did not deploy the application twice; see "
          + name + ".log");
    }
  }

  /** Whether the server answers; false as soon as its log says the deployment failed. */
  private boolean awaitReady(String name) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Path log = WORK.resolve(name + ".log");
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(server.isAlive(), "Payara Micro exited; see " + name + ".log");
      try {
        HttpResponse<String> answer = client.send(request("/render/").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // still booting
      }
      if (Files.readString(log, StandardCharsets.ISO_8859_1)
          .contains("Exception while deploying the app")) {
        return false;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Payara Micro did not start; see " + name + ".log");
  }

  void launch(Path archive, Path store, String name) throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder = Deployments.payaraMicro(archive, port, WORK.resolve(name + ".log"));
    Map<String, String> env = builder.environment();
    env.put("TRAFALGAR_DASHBOARD_TOKEN", TOKEN);
    env.put("TRAFALGAR_RENDER_JOBS_PATH", store.toString());
    env.put("TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0.5");
    env.put("TRAFALGAR_RENDER_SSE_KEEPALIVE_INTERVAL", String.valueOf(KEEPALIVE.toSeconds()));
    server = builder.start();
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN);
  }

  JsonNode get(HttpClient client, String path) throws Exception {
    HttpResponse<String> answer = client.send(request(path).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return Http.JSON.readTree(answer.body());
  }

  static void clean(Path directory) throws IOException {
    Files.createDirectories(directory);
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  void acknowledgedJobsSurviveKillDashNine() throws Exception {
    Path directory = WORK.resolve("store");
    clean(directory);
    Path store = directory.resolve("jobs.json");
    start(store, "first");
    HttpClient client = HttpClient.newHttpClient();
    Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      running.add(clients.submit(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          HttpRequest post = request("/render/jobs").header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"dcc\":\"maya\",\"scene\":\"/s.ma\","
                  + "\"output\":\"/o\",\"frames\":\"1-1000\"}")).build();
          try {
            HttpResponse<String> answer = client.send(post, HttpResponse.BodyHandlers.ofString());
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
    while (acknowledged.size() < 300) {
      Thread.sleep(20);
    }
    server.destroyForcibly().waitFor();
    clients.shutdownNow();
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (Exception ignored) {
        // clients end when the server dies
      }
    }
    Set<String> snapshot = new HashSet<>(acknowledged);

    start(store, "second");
    Set<String> listed = new HashSet<>();
    get(client, "/render/jobs").get("jobs").forEach(job -> listed.add(job.get("job_id").asText()));
    Set<String> missing = new HashSet<>(snapshot);
    missing.removeAll(listed);
    assertTrue(missing.isEmpty(), missing.size() + " acknowledged jobs lost of " + snapshot.size());
    JsonNode storeHealth = get(client, "/render/health").get("render_history").get("store");
    assertEquals(listed.size(), storeHealth.get("retained_records").asInt());
    JsonNode file = Http.JSON.readTree(Files.readAllBytes(store));
    assertEquals(listed.size(), file.size(), "the journal was folded into the store at startup");
  }

  @Test
  void twoAdapterBeansWithOneNameFailTheDeployment() throws Exception {
    Path directory = WORK.resolve("twins");
    clean(directory);
    Path twins = directory.resolve("ROOT.war");
    Deployments.trafalgar(Map.of())
        .addClasses(TwinFirstFarmAdapter.class, TwinSecondFarmAdapter.class)
        .as(ZipExporter.class).exportTo(twins.toFile(), true);
    launch(twins, directory.resolve("jobs.json"), "twins");
    Path log = WORK.resolve("twins.log");
    String expected = "Two render farm adapter beans are named 'twin'";
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline && server.isAlive()
        && !Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)
            .contains(expected)) {
      Thread.sleep(500);
    }
    assertTrue(Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains(expected), "see twins.log");
    HttpClient client = HttpClient.newHttpClient();
    int status;
    try {
      status = client.send(request("/render/").GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException refused) {
      status = -1;
    }
    assertTrue(status != 200, "the application must not be deployed");
  }

  @Test
  void corruptStoreIsPreservedAndTheServiceStarts() throws Exception {
    Path directory = WORK.resolve("corrupt");
    clean(directory);
    Path store = directory.resolve("jobs.json");
    Files.writeString(store, "\u0000garbage{[");
    start(store, "corrupt");
    HttpClient client = HttpClient.newHttpClient();
    assertEquals(0, get(client, "/render/jobs").get("jobs").size());
    List<Path> preserved;
    try (Stream<Path> files = Files.list(directory)) {
      preserved = files.filter(p -> p.getFileName().toString().startsWith("jobs.json.corrupt-"))
          .toList();
    }
    assertEquals(1, preserved.size());
    assertTrue(preserved.get(0).getFileName().toString()
        .matches("jobs\\.json\\.corrupt-\\d{8}T\\d{6}Z"));
    assertEquals("\u0000garbage{[", Files.readString(preserved.get(0)));
    HttpResponse<String> created = client.send(request("/jobs")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/o\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("\u0000garbage{[", Files.readString(preserved.get(0)));
    assertEquals(1, Http.JSON.readTree(Files.readAllBytes(store)).size());
    assertTrue(new File(preserved.get(0).toString()).exists());
  }

  /**
   * This start path (a plain {@code java -jar payara-micro.jar} with the command files) also
   * speaks HTTP/1.1 only: see {@code Http2IT} for the Arquillian path and docs/operations.md.
   */
  @Test
  void defaultHttpClientGetsHttp11() throws Exception {
    Path directory = WORK.resolve("http2");
    clean(directory);
    start(directory.resolve("jobs.json"), "http2");
    Http2Probe probe = new Http2Probe(URI.create("http://127.0.0.1:" + port), TOKEN);
    assertEquals(HttpClient.Version.HTTP_1_1, probe.defaultClientVersion());
    probe.upgradeIsDeclined();
    probe.earlyAnswersArrivePromptly();
    probe.closedStreamUnsubscribes(KEEPALIVE);
  }
}
