package com.trafalgar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ShotGrid site on loopback that speaks the REST shapes of API.md 9.2 (token endpoint,
 * {@code _search} paged until an empty page, {@code _summarize}) over the same show as the offline
 * file (20 projects, 2,500 versions each, 3 playlists of 10 clips), answers each call after a
 * fixed upstream latency like a real site, and counts the calls per project, so the dashboard's
 * protection of ShotGrid (single-flight, TTL) is measured from the upstream's side.
 */
final class FakeShotGrid implements AutoCloseable {
  static final String SCRIPT = "bench-script";
  static final String KEY = "bench-script-key";
  private static final String ACCESS_TOKEN = "fake-shotgrid-access-token";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Calls of one kind for one project since the last {@link #reset()}. */
  enum Call { SUMMARIZE, VERSIONS_FETCH, VERSIONS_PAGE, PLAYLISTS_FETCH, CLIPS_FETCH }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper mapper = Datasets.mapper();
  private final long latencyMillis;
  private final List<String> projects = Datasets.projectNames();
  private final List<List<ObjectNode>> versionsByProject = new ArrayList<>();
  private final Map<String, Map<Call, AtomicLong>> counts = new ConcurrentHashMap<>();
  private final AtomicLong tokenRequests = new AtomicLong();
  private final AtomicLong projectListings = new AtomicLong();
  private final AtomicLong totalRequests = new AtomicLong();

  FakeShotGrid(long latencyMillis) throws IOException {
    this.latencyMillis = latencyMillis;
    for (int p = 0; p < projects.size(); p++) {
      versionsByProject.add(new ArrayList<>());
    }
    for (int i = 0; i < Datasets.VERSIONS; i++) {
      versionsByProject.get(i % Datasets.PROJECTS).add(versionRecord(i));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    executor = Executors.newFixedThreadPool(32, runnable -> {
      Thread thread = new Thread(runnable, "fake-shotgrid");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/api/v1.1/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void reset() {
    counts.clear();
    tokenRequests.set(0);
    projectListings.set(0);
    totalRequests.set(0);
  }

  long count(String project, Call call) {
    Map<Call, AtomicLong> perProject = counts.get(project);
    AtomicLong value = perProject == null ? null : perProject.get(call);
    return value == null ? 0 : value.get();
  }

  /** The largest count of {@code call} over all projects. */
  long maxPerProject(Call call) {
    long max = 0;
    for (String project : projects) {
      max = Math.max(max, count(project, call));
    }
    return max;
  }

  /** Per-project counts of every kind, for the raw JSON. */
  Map<String, Map<String, Long>> snapshot() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (String project : projects) {
      Map<String, Long> row = new TreeMap<>();
      for (Call call : Call.values()) {
        row.put(call.name().toLowerCase(java.util.Locale.ROOT), count(project, call));
      }
      out.put(project, row);
    }
    return out;
  }

  long tokenRequests() {
    return tokenRequests.get();
  }

  long projectListings() {
    return projectListings.get();
  }

  long totalRequests() {
    return totalRequests.get();
  }

  List<String> projects() {
    return projects;
  }

  private void increment(String project, Call call) {
    counts.computeIfAbsent(project, key -> new ConcurrentHashMap<>())
        .computeIfAbsent(call, key -> new AtomicLong()).incrementAndGet();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      totalRequests.incrementAndGet();
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      if (latencyMillis > 0) {
        ServerProcess.sleep(latencyMillis);
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/api/v1.1/auth/access_token")) {
        tokenRequests.incrementAndGet();
        String form = new String(requestBody, java.nio.charset.StandardCharsets.UTF_8);
        if (!form.contains("client_id=" + SCRIPT) || !form.contains("client_secret=" + KEY)) {
          send(exchange, 400, NODES.objectNode().put("error", "invalid_client"));
          return;
        }
        send(exchange, 200, NODES.objectNode().put("token_type", "Bearer")
            .put("access_token", ACCESS_TOKEN).put("expires_in", 600).putNull("refresh_token"));
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + ACCESS_TOKEN).equals(authorization)) {
        send(exchange, 401, errors("401", "Unauthorized"));
        return;
      }
      JsonNode body = requestBody.length == 0 ? NODES.objectNode() : mapper.readTree(requestBody);
      switch (path) {
        case "/api/v1.1/entity/projects/_search" -> {
          if (page(body) == 1) {
            projectListings.incrementAndGet();
          }
          List<ObjectNode> records = new ArrayList<>();
          for (int p = 0; p < projects.size(); p++) {
            ObjectNode record = NODES.objectNode().put("type", "Project").put("id", 100 + p);
            record.putObject("attributes").put("name", projects.get(p));
            records.add(record);
          }
          sendPage(exchange, records, body);
        }
        case "/api/v1.1/entity/versions/_summarize" -> {
          String project = projectFilter(body);
          int index = projects.indexOf(project);
          if (project != null) {
            increment(project, Call.SUMMARIZE);
          }
          ObjectNode response = NODES.objectNode();
          ObjectNode data = response.putObject("data");
          data.putObject("summaries")
              .put("id", index < 0 ? 0 : versionsByProject.get(index).size());
          data.putArray("groups");
          send(exchange, 200, response);
        }
        case "/api/v1.1/entity/versions/_search" -> {
          JsonNode playlist = playlistFilter(body);
          if (playlist != null) {
            int id = playlist.path("id").asInt();
            int p = (id - 1000) / 10;
            int l = (id - 1000) % 10;
            if (page(body) == 1 && p >= 0 && p < projects.size()) {
              increment(projects.get(p), Call.CLIPS_FETCH);
            }
            List<ObjectNode> clips = new ArrayList<>();
            if (p >= 0 && p < projects.size() && l < Datasets.PLAYLISTS_PER_PROJECT) {
              for (int c = 0; c < Datasets.CLIPS_PER_PLAYLIST; c++) {
                clips.add(clipRecord(p, l, c));
              }
            }
            sendPage(exchange, clips, body);
            return;
          }
          String project = projectFilter(body);
          int index = projects.indexOf(project);
          if (project != null) {
            increment(project, Call.VERSIONS_PAGE);
            if (page(body) == 1) {
              increment(project, Call.VERSIONS_FETCH);
            }
          }
          sendPage(exchange, index < 0 ? List.of() : versionsByProject.get(index), body);
        }
        case "/api/v1.1/entity/playlists/_search" -> {
          String project = projectFilter(body);
          int index = projects.indexOf(project);
          if (project != null && page(body) == 1) {
            increment(project, Call.PLAYLISTS_FETCH);
          }
          List<ObjectNode> playlists = new ArrayList<>();
          for (int l = 0; index >= 0 && l < Datasets.PLAYLISTS_PER_PROJECT; l++) {
            ObjectNode record = NODES.objectNode().put("type", "Playlist")
                .put("id", 1000 + index * 10 + l);
            record.putObject("attributes").put("code", "Dailies " + (l + 1));
            playlists.add(record);
          }
          sendPage(exchange, playlists, body);
        }
        default -> send(exchange, 404, errors("404", "Not found"));
      }
    } catch (RuntimeException e) {
      // A harness bug must show as an upstream failure, not a hung server thread.
      try {
        send(exchange, 500, errors("500", e.toString()));
      } catch (IOException ignored) {
        // the client went away
      }
    }
  }

  private static int page(JsonNode body) {
    return body.path("page").path("number").asInt(1);
  }

  private static String projectFilter(JsonNode body) {
    for (JsonNode filter : body.path("filters")) {
      if (filter.isArray() && filter.size() == 3
          && filter.get(0).asText().equals("project.Project.name")) {
        return filter.get(2).asText();
      }
    }
    return null;
  }

  private static JsonNode playlistFilter(JsonNode body) {
    for (JsonNode filter : body.path("filters")) {
      if (filter.isArray() && filter.size() == 3 && filter.get(0).asText().equals("playlists")) {
        return filter.get(2);
      }
    }
    return null;
  }

  private void sendPage(HttpExchange exchange, List<ObjectNode> records, JsonNode body)
      throws IOException {
    int size = Math.max(1, body.path("page").path("size").asInt(500));
    int number = Math.max(1, page(body));
    int from = Math.min(records.size(), (number - 1) * size);
    int to = Math.min(records.size(), from + size);
    ObjectNode response = NODES.objectNode();
    ArrayNode data = response.putArray("data");
    records.subList(from, to).forEach(data::add);
    response.putObject("links").put("self", exchange.getRequestURI().getPath());
    send(exchange, 200, response);
  }

  private static ObjectNode errors(String status, String title) {
    ObjectNode body = NODES.objectNode();
    body.putArray("errors").addObject().put("status", status).put("title", title);
    return body;
  }

  private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = mapper.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ObjectNode versionRecord(int index) {
    ObjectNode version = Datasets.version(index);
    int project = index % Datasets.PROJECTS;
    ObjectNode record = NODES.objectNode().put("type", "Version").put("id", index + 1);
    ObjectNode attributes = record.putObject("attributes");
    attributes.put("code", String.format(java.util.Locale.ROOT, "v%03d",
        version.get("version").asInt()));
    attributes.put("sg_status_list", version.get("status").asText());
    attributes.put("created_at", version.get("timestamp").asText());
    attributes.put("updated_at", version.get("timestamp").asText());
    ObjectNode relationships = record.putObject("relationships");
    relationships.putObject("entity").putObject("data").put("type", "Shot")
        .put("id", 100_000 + index).put("name", version.get("shot").asText());
    relationships.putObject("user").putObject("data").put("type", "HumanUser")
        .put("id", 50 + index % 8).put("name", version.get("user").asText());
    relationships.putObject("project").putObject("data").put("type", "Project")
        .put("id", 100 + project).put("name", version.get("project").asText());
    record.putObject("links").put("self", "/api/v1.1/entity/versions/" + (index + 1));
    return record;
  }

  private static ObjectNode clipRecord(int project, int playlist, int clip) {
    ObjectNode source = Datasets.clip(project, playlist, clip);
    ObjectNode record = NODES.objectNode().put("type", "Version")
        .put("id", 900_000 + project * 1000 + playlist * 100 + clip);
    ObjectNode attributes = record.putObject("attributes");
    attributes.put("code", source.get("version").asText());
    attributes.put("sg_path_to_movie", source.get("source_path").asText());
    attributes.putNull("sg_uploaded_movie");
    attributes.putNull("sg_path_to_frames");
    attributes.put("frame_range", source.get("frame_range").asText());
    attributes.put("frame_count", 48);
    attributes.put("sg_uploaded_movie_frame_rate", 24.0);
    ObjectNode relationships = record.putObject("relationships");
    relationships.putObject("entity").putObject("data").put("type", "Shot")
        .put("id", 200_000 + clip).put("name", source.get("shot").asText());
    relationships.putObject("user").putObject("data").put("type", "HumanUser")
        .put("id", 60 + clip).put("name", source.get("user").asText());
    return record;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
