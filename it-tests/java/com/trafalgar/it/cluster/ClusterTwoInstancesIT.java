package com.trafalgar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.testing.Eventually;
import com.trafalgar.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two instances on loopback, one database (issue 14): a job submitted on A is listed on B and
 * delivered to B's SSE and WebSocket subscribers; jobs submitted on each are listed on both; both
 * deliver every job and run event with the same cluster-wide id, and an SSE client that
 * reconnects from A to B with {@code Last-Event-ID} misses nothing and sees nothing twice; and,
 * last, {@code kill -9} of the instance running the status poller during a stream of submissions
 * loses no acknowledged job while the other keeps serving and takes the poller over, and the
 * survivor runs the ingest watcher. A database restart under load on both gives clear 503s,
 * loses no 201, and both recover.
 *
 * <p>Payara Micro only, as {@code RenderRestartIT}: it starts its own server processes.
 */
@EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "payara-micro")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTwoInstancesIT {
  static final Path WORK = Path.of("target/it-cluster-two").toAbsolutePath();
  static final Path REGISTRY = WORK.resolve("ingest_runs.json");
  static final String BODY =
      "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/o\",\"frames\":\"1-100000\"}";
  static PostgresServer database;
  static MicroInstance a;
  static MicroInstance b;
  static MicroInstance survivor;

  @BeforeAll
  static void start() throws Exception {
    PostgresServer.assumeAvailable();
    Files.createDirectories(WORK);
    Path war = WORK.resolve("ROOT.war");
    Deployments.trafalgar(Map.of()).as(ZipExporter.class).exportTo(war.toFile(), true);
    database = PostgresServer.start(false);
    writeRegistry(List.of("r0"));
    Map<String, String> env = Map.of("TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0.5",
        "TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME", "0.01",
        "ONEPIECE_INGEST_REGISTRY", REGISTRY.toString(),
        "TRAFALGAR_INGEST_WATCH_INTERVAL", "0.2");
    a = new MicroInstance(WORK, "a").start(war, database, env);
    b = new MicroInstance(WORK, "b").start(war, database, env);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (MicroInstance instance : new MicroInstance[] {a, b}) {
      if (instance != null) {
        instance.kill();
      }
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  @Order(1)
  void aJobSubmittedOnAIsListedAndStreamedOnB() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<String> sse = new CopyOnWriteArrayList<>();
    HttpResponse<InputStream> stream = client.send(b.request("/render/jobs/stream").GET()
        .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          sse.add(line);
        }
      } catch (IOException closed) {
        // the test ends the stream
      }
    });
    reader.setDaemon(true);
    reader.start();
    List<String> socket = new CopyOnWriteArrayList<>();
    WebSocket ws = client.newWebSocketBuilder()
        .header("Authorization", "Bearer " + MicroInstance.TOKEN)
        .buildAsync(URI.create(b.request("/render/jobs/ws").build().uri().toString()
            .replace("http:", "ws:")), new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                socket.add(data.toString());
                w.request(1);
                return null;
              }
            }).join();
    waitFor(() -> sse.stream().anyMatch(l -> l.startsWith("event: jobs.snapshot"))
        && !socket.isEmpty());

    HttpResponse<String> created = client.send(a.request("/render/jobs")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    String jobId = Http.JSON.readTree(created.body()).get("job_id").asText();

    waitFor(() -> sse.stream().anyMatch(l -> l.startsWith("data:") && l.contains(jobId)
        && l.contains("job.created")));
    waitFor(() -> socket.stream().anyMatch(m -> m.contains(jobId) && m.contains("job.created")));
    JsonNode onB = get(client, b, "/render/jobs/" + jobId);
    assertEquals(jobId, onB.get("job_id").asText());
    ws.abort();
    stream.body().close();
  }

  @Test
  @Order(2)
  void jobsSubmittedOnBothAreListedOnBoth() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String onA = submit(client, a);
    String onB = submit(client, b);
    waitFor(() -> status(client, a, onB) != null && status(client, b, onA) != null);
  }

  @Test
  @Order(3)
  void bothDeliverEveryJobEventWithTheSameIdAndAReconnectToBMissesNothing() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<String> onA = new CopyOnWriteArrayList<>();
    List<String> onB = new CopyOnWriteArrayList<>();
    HttpResponse<InputStream> streamA = open(client, a, "/render/jobs/stream", null);
    HttpResponse<InputStream> streamB = open(client, b, "/render/jobs/stream", null);
    follow(streamA, onA);
    follow(streamB, onB);
    waitFor(() -> !events(onA).isEmpty() && !events(onB).isEmpty()); // the snapshots
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      jobs.add(submit(client, i % 2 == 0 ? a : b));
    }
    waitFor(() -> jobs.stream().allMatch(id -> created(onA, id) && created(onB, id)));
    // the same id means the same event on both, whoever published it
    Map<Long, String> byIdOnA = byId(events(onA));
    Map<Long, String> byIdOnB = byId(events(onB));
    long from = Math.max(first(onA), first(onB));
    long to = Math.min(last(onA), last(onB));
    assertTrue(to - from >= 5, "six job.created events on both: " + from + ".." + to);
    for (long id = from + 1; id <= to; id++) {
      assertEquals(byIdOnA.get(id), byIdOnB.get(id), "event " + id);
    }
    long lastReadOnA = last(onA);
    streamA.body().close();
    List<String> later = List.of(submit(client, a), submit(client, b));
    List<String> resumed = new CopyOnWriteArrayList<>();
    HttpResponse<InputStream> onBAgain = open(client, b, "/render/jobs/stream",
        String.valueOf(lastReadOnA));
    follow(onBAgain, resumed);
    waitFor(() -> later.stream().allMatch(id -> created(resumed, id)));
    List<String[]> replayed = events(resumed);
    assertTrue(resumed.stream().noneMatch(l -> l.startsWith("event: resync")
        || l.startsWith("event: jobs.snapshot")), "a replay, not a resync: " + resumed);
    for (int i = 0; i < replayed.size(); i++) {
      assertEquals(lastReadOnA + 1 + i, Long.parseLong(replayed.get(i)[0]),
          "consecutive ids from the last one read: nothing missed, nothing twice");
    }
    streamB.body().close();
    onBAgain.body().close();
  }

  @Test
  @Order(4)
  void aRunAppearingInTheRegistryIsDeliveredOnBothWithTheSameId() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<String> onA = new CopyOnWriteArrayList<>();
    List<String> onB = new CopyOnWriteArrayList<>();
    HttpResponse<InputStream> streamA = open(client, a, "/ingest/runs/stream", null);
    HttpResponse<InputStream> streamB = open(client, b, "/ingest/runs/stream", null);
    follow(streamA, onA);
    follow(streamB, onB);
    Thread.sleep(500); // subscribed (an ingest stream starts with nothing)
    writeRegistry(List.of("r0", "r1"));
    waitFor(() -> runEvent(onA, "run.created", "r1") != null
        && runEvent(onB, "run.created", "r1") != null);
    assertEquals(runEvent(onA, "run.created", "r1"), runEvent(onB, "run.created", "r1"));
    assertEquals(1, events(onA).size(), "published once: " + onA);
    assertEquals(1, events(onB).size(), "published once: " + onB);
    streamA.body().close();
    streamB.body().close();
  }

  /** One answer to a submission made while the database restarts. */
  record Answer(MicroInstance to, int status, String body, long millis) {}

  /**
   * A database restart while both instances take submissions: every answer is a 201 or a clear
   * 503 {@code render.store_unavailable}, within the request timeout (never a hang, another
   * status or a broken connection); every 201 is a committed row listed by both instances; and
   * both recover by themselves once the database is back.
   */
  @Test
  @Order(5)
  void aDatabaseRestartDuringLoadGivesClear503sLosesNo201AndBothRecover() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<Answer> answers = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(6);
    List<Future<?>> load = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      MicroInstance to = c % 2 == 0 ? a : b;
      load.add(clients.submit(() -> {
        while (running.get()) {
          long sent = System.nanoTime();
          HttpResponse<String> answer = client.send(to.request("/render/jobs")
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
              HttpResponse.BodyHandlers.ofString());
          answers.add(new Answer(to, answer.statusCode(), answer.body(),
              (System.nanoTime() - sent) / 1_000_000));
        }
        return null;
      }));
    }
    waitFor(() -> answers.stream().filter(r -> r.status() == 201).count() >= 30);
    database.stop();
    int atStop = answers.size();
    // down long enough for every client to meet the outage
    Eventually.waitFor(Duration.ofSeconds(60),
        () -> answers.stream().skip(atStop).filter(r -> r.status() == 503).count() >= 6);
    database.restart();
    int atRestart = answers.size();
    for (MicroInstance instance : new MicroInstance[] {a, b}) {
      Eventually.waitFor(Duration.ofSeconds(60), () -> answers.stream().skip(atRestart)
          .anyMatch(r -> r.to() == instance && r.status() == 201));
    }
    running.set(false);
    clients.shutdown();
    for (Future<?> submitter : load) {
      submitter.get(); // an IOException (a broken connection, a timeout) fails the test here
    }
    clients.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);

    Set<String> acknowledged = new HashSet<>();
    long unavailable = 0;
    for (Answer answer : answers) {
      assertTrue(answer.millis() < 35_000, "answered after " + answer.millis() + " ms");
      if (answer.status() == 201) {
        acknowledged.add(Http.JSON.readTree(answer.body()).get("job_id").asText());
      } else {
        assertEquals(503, answer.status(), answer.body());
        assertTrue(answer.body().contains("render.store_unavailable"), answer.body());
        unavailable++;
      }
    }
    assertTrue(unavailable >= 6, "the outage was answered with 503s: " + unavailable);
    Set<String> rows = new HashSet<>();
    try (Connection c = database.connect(); var statement = c.createStatement();
        ResultSet found = statement.executeQuery("SELECT job_id FROM trafalgar_render_jobs")) {
      while (found.next()) {
        rows.add(found.getString(1));
      }
    }
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(rows);
    assertTrue(lost.isEmpty(), lost.size() + " of " + acknowledged.size() + " 201s not in the "
        + "database");
    for (MicroInstance instance : new MicroInstance[] {a, b}) {
      waitFor(() -> {
        try {
          Set<String> listed = new HashSet<>();
          get(client, instance, "/render/jobs").get("jobs")
              .forEach(job -> listed.add(job.get("job_id").asText()));
          return listed.containsAll(acknowledged);
        } catch (Exception e) {
          return false;
        }
      });
      JsonNode store = get(client, instance, "/render/health").get("render_history")
          .get("store");
      assertEquals("ok", store.get("state").asText(), store.toString());
    }
  }

  @Test
  @Order(9)
  void killingThePollersInstanceLosesNoJobAndTheOtherTakesThePollerOver() throws Exception {
    String holder = leaseHolder();
    MicroInstance doomed = holder.equals(a.instanceId()) ? a : b;
    survivor = doomed == a ? b : a;
    HttpClient client = HttpClient.newHttpClient();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      MicroInstance target = c % 2 == 0 ? doomed : survivor;
      running.add(clients.submit(() -> {
        MicroInstance to = target;
        while (!Thread.currentThread().isInterrupted()) {
          try {
            acknowledged.add(submit(client, to));
          } catch (IOException | AssertionError gone) {
            if (!killed.get()) {
              throw gone;
            }
            to = survivor; // the load balancer's retry of a new request
          }
        }
        return null;
      }));
    }
    waitFor(() -> acknowledged.size() >= 60);
    killed.set(true);
    doomed.kill();
    int atKill = acknowledged.size();
    waitFor(() -> acknowledged.size() >= atKill + 60);
    clients.shutdownNow();
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (Exception ended) {
        // interrupted
      }
    }
    Set<String> snapshot = new HashSet<>(acknowledged);
    Set<String> listed = new HashSet<>();
    get(client, survivor, "/render/jobs").get("jobs")
        .forEach(job -> listed.add(job.get("job_id").asText()));
    Set<String> missing = new HashSet<>(snapshot);
    missing.removeAll(listed);
    assertTrue(missing.isEmpty(), missing.size() + " acknowledged jobs missing on the survivor");

    // the lease runs out within its 5 s time to live and the survivor takes it
    waitFor(() -> {
      try {
        return survivor.instanceId().equals(leaseHolder());
      } catch (Exception e) {
        return false;
      }
    });
    // the log line follows the committed claim on the keeper's thread, and the server's log
    // handler writes it out asynchronously: it is awaited, not expected at once
    waitFor(() -> {
      try {
        return survivor.logged("This instance now runs render.poller");
      } catch (IOException e) {
        return false;
      }
    });
    // and polls: a job completes without any request that would refresh it
    List<String> sse = new CopyOnWriteArrayList<>();
    HttpResponse<InputStream> stream = client.send(survivor.request("/render/jobs/stream")
        .GET().timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofInputStream());
    follow(stream, sse);
    waitFor(() -> sse.stream().anyMatch(l -> l.startsWith("event: jobs.snapshot")));
    HttpResponse<String> quick = client.send(survivor.request("/render/jobs")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/o\",\"frames\":\"1-2\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, quick.statusCode(), quick.body());
    String quickId = Http.JSON.readTree(quick.body()).get("job_id").asText();
    waitFor(() -> sse.stream().anyMatch(l -> l.startsWith("data:") && l.contains(quickId)
        && l.contains("job.updated") && l.contains("\"completed\"")));
    stream.body().close();
  }

  @Test
  @Order(10)
  void theSurvivorRunsTheIngestWatcher() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpResponse<InputStream> stream = open(client, survivor, "/ingest/runs/stream", null);
    follow(stream, lines);
    Thread.sleep(500);
    writeRegistry(List.of("r0", "r1", "r2"));
    // within the watcher lease's time to live (5 s) when the killed instance held it
    waitFor(() -> runEvent(lines, "run.created", "r2") != null);
    stream.body().close();
  }

  private static HttpResponse<InputStream> open(HttpClient client, MicroInstance instance,
      String path, String lastEventId) throws Exception {
    HttpRequest.Builder request = instance.request(path).GET().timeout(Duration.ofMinutes(5));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> stream = client.send(request.build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    return stream;
  }

  /** The messages of an SSE stream with an id: {id, event, data}. */
  private static List<String[]> events(List<String> lines) {
    List<String[]> events = new ArrayList<>();
    String[] current = null;
    for (String line : List.copyOf(lines)) {
      if (line.startsWith("id: ")) {
        current = new String[] {line.substring(4), null, null};
      } else if (current != null && line.startsWith("event: ")) {
        current[1] = line.substring(7);
      } else if (current != null && line.startsWith("data: ")) {
        current[2] = line.substring(6);
        events.add(current);
        current = null;
      }
    }
    return events;
  }

  private static Map<Long, String> byId(List<String[]> events) {
    Map<Long, String> byId = new HashMap<>();
    events.forEach(e -> byId.put(Long.parseLong(e[0]), e[1] + " " + e[2]));
    return byId;
  }

  private static long first(List<String> lines) {
    return Long.parseLong(events(lines).get(0)[0]);
  }

  private static long last(List<String> lines) {
    List<String[]> events = events(lines);
    return Long.parseLong(events.get(events.size() - 1)[0]);
  }

  private static boolean created(List<String> lines, String jobId) {
    return events(lines).stream().anyMatch(e -> e[1].equals("job.created")
        && e[2].contains("\"" + jobId + "\""));
  }

  /** "id data" of the first such run event, or null. */
  private static String runEvent(List<String> lines, String event, String runId) {
    return events(lines).stream()
        .filter(e -> e[1].equals(event) && e[2].contains("\"id\":\"" + runId + "\""))
        .map(e -> e[0] + " " + e[2]).findFirst().orElse(null);
  }

  private static void writeRegistry(List<String> ids) throws IOException {
    List<String> runs = new ArrayList<>();
    for (String id : ids) {
      runs.add("{\"id\": \"" + id + "\", \"started_at\": \"2024-03-01T10:00:00Z\"}");
    }
    Path temporary = WORK.resolve("ingest_runs.json.tmp");
    Files.writeString(temporary, "{\"runs\": [" + String.join(",", runs) + "]}");
    Files.move(temporary, REGISTRY, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static void follow(HttpResponse<InputStream> stream, List<String> lines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException closed) {
        // the test ends the stream
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  private static String leaseHolder() throws Exception {
    try (Connection c = database.connect(); var s = c.createStatement();
        ResultSet rows = s.executeQuery(
            "SELECT holder FROM trafalgar_leases WHERE name = 'render.poller'")) {
      return rows.next() ? rows.getString(1) : "";
    }
  }

  private static String submit(HttpClient client, MicroInstance instance) throws Exception {
    HttpResponse<String> created = client.send(instance.request("/render/jobs")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    return Http.JSON.readTree(created.body()).get("job_id").asText();
  }

  private static String status(HttpClient client, MicroInstance instance, String jobId) {
    try {
      HttpResponse<String> answer = client.send(instance.request("/render/jobs/" + jobId).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200
          ? Http.JSON.readTree(answer.body()).get("status").asText() : null;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }

  private static JsonNode get(HttpClient client, MicroInstance instance, String path)
      throws Exception {
    HttpResponse<String> answer = client.send(instance.request(path).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return Http.JSON.readTree(answer.body());
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Eventually.waitFor(Duration.ofSeconds(15), condition);
  }
}
