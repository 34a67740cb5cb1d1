package com.trafalgar.it.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A fake ShotGrid site on a real socket (127.0.0.1, a free port) speaking the REST shapes Trafalgar
 * uses (API.md 9.2): the client-credentials token endpoint, paged {@code _search} and {@code
 * _summarize} on {@code projects}, {@code versions} and {@code playlists}, with {@code [field, "is",
 * value]} filters, {@code sort: "id"} and {@code page: {size, number}}.
 *
 * <p>Data is added with {@link #project}, {@link #version}, {@link #playlist} and {@link #clip};
 * failures are scripted with {@link #when} (status, {@code Retry-After}, delay, garbage body, a
 * number of times); {@link #revokeTokens()} makes the next data call answer 401 once;
 * {@link #latency} delays every answer like a real site's round trip. Every request is recorded
 * ({@link #requests()}, {@link #count}) so tests can check shapes and call counts.
 *
 * <p>The ITs and the benchmark harness ({@code it-tests/bench}, which seeds a show of 50,000
 * versions) share this one fake, so it indexes records by project and playlist: a data call
 * reads only the records its filter can match.
 *
 * <pre>{@code
 * try (FakeShotGrid shotgrid = FakeShotGrid.start()) {
 *   shotgrid.project("alpha");
 *   shotgrid.version("alpha", "v001", "sh010", "apr", "M. Silva");
 *   shotgrid.when(FakeShotGrid.search("versions")).status(503).retryAfter("0").times(1);
 *   // configure the service with shotgrid.url(), FakeShotGrid.SCRIPT, FakeShotGrid.KEY
 * }
 * }</pre>
 */
public final class FakeShotGrid implements AutoCloseable {
  /** The script name the fake accepts. */
  public static final String SCRIPT = "trafalgar-tests";
  /** The script key the fake accepts: tests assert it never leaks. */
  public static final String KEY = "fake-script-key-9f3c1e";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/v1.1";

  /** One request the fake received. */
  public record Request(
      String kind,
      String entity,
      String project,
      Long playlist,
      int page,
      String method,
      String path,
      String contentType,
      String accept,
      String authorization,
      String body) {

    /** The body as JSON (searches and summaries). */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A scripted failure; applies to matching requests while {@link #times} lasts. */
  public final class Failure {
    private final Predicate<Request> matches;
    private int status = 0;
    private String retryAfter;
    private Duration delay = Duration.ZERO;
    private boolean garbage;
    private int remaining = -1;

    private Failure(Predicate<Request> matches) {
      this.matches = matches;
    }

    /** Answer with this status (and a small JSON error body). */
    public Failure status(int value) {
      this.status = value;
      return this;
    }

    /** Add a {@code Retry-After} header with this raw value. */
    public Failure retryAfter(String value) {
      this.retryAfter = value;
      return this;
    }

    /** Wait this long before answering (a slow upstream). */
    public Failure delay(Duration value) {
      this.delay = value;
      return this;
    }

    /** Answer 200 with a body that is not JSON. */
    public Failure garbage() {
      this.garbage = true;
      return this;
    }

    /** Apply to the next {@code count} matching requests only (default: every one). */
    public Failure times(int count) {
      this.remaining = count;
      return this;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, List<ObjectNode>> records = new HashMap<>();
  /** entity → project name → records linked to that project, in id order. */
  private final Map<String, Map<String, List<ObjectNode>>> byProject = new HashMap<>();
  /** playlist id → its clips, in id order. */
  private final Map<Long, List<ObjectNode>> byPlaylist = new HashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final Set<String> tokens = new HashSet<>();
  private Integer tokenLifetime = 600;
  private volatile Duration latency = Duration.ZERO;
  private int nextId = 1;
  private int issued;

  private FakeShotGrid(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a fake on 127.0.0.1 at a free port. */
  public static FakeShotGrid start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
      ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake-shotgrid");
        thread.setDaemon(true);
        return thread;
      });
      FakeShotGrid fake = new FakeShotGrid(server, executor);
      server.createContext("/", fake::handle);
      server.setExecutor(executor);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The site URL, e.g. {@code http://127.0.0.1:43121}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- data ----

  /** An active, non-template project. */
  public synchronized ObjectNode project(String name) {
    return project(name, false, false);
  }

  /** A project with the given flags (archived and template projects leave the roster). */
  public synchronized ObjectNode project(String name, boolean archived, boolean template) {
    ObjectNode record = record("projects", "Project");
    ObjectNode attributes = (ObjectNode) record.get("attributes");
    attributes.put("name", name);
    attributes.put("archived", archived);
    attributes.put("is_template", template);
    return record;
  }

  /** A version of a shot; returns the record for further edits (e.g. a non-Shot entity). */
  public synchronized ObjectNode version(
      String project, String code, String shot, String status, String user) {
    ObjectNode record = record("versions", "Version");
    ObjectNode attributes = (ObjectNode) record.get("attributes");
    attributes.put("code", code);
    attributes.put("sg_status_list", status);
    attributes.put("created_at", "2024-05-01T10:00:00Z");
    attributes.put("updated_at", "2024-05-02T10:00:00Z");
    link(record, "project", "Project", project);
    link(record, "entity", "Shot", shot);
    link(record, "user", "HumanUser", user);
    index(record, "versions", project);
    return record;
  }

  /** A playlist; its {@code id} is what {@link #clip} takes. */
  public synchronized ObjectNode playlist(String project, String code) {
    ObjectNode record = record("playlists", "Playlist");
    ((ObjectNode) record.get("attributes")).put("code", code);
    link(record, "project", "Project", project);
    index(record, "playlists", project);
    return record;
  }

  /**
   * A version in {@code playlist} with a movie path (null for none), frame range and frame
   * count/rate (null for unknown). Returns the record for further edits.
   */
  public synchronized ObjectNode clip(ObjectNode playlist, String code, String shot, String user,
      String moviePath, String frameRange, Number frameCount, Number frameRate) {
    String project = playlist.at("/relationships/project/data/name").asText();
    ObjectNode record = version(project, code, shot, "rev", user);
    ObjectNode attributes = (ObjectNode) record.get("attributes");
    if (moviePath != null) {
      attributes.put("sg_path_to_movie", moviePath);
    }
    attributes.put("frame_range", frameRange);
    attributes.set("frame_count", frameCount == null ? null : JSON.valueToTree(frameCount));
    attributes.set("sg_uploaded_movie_frame_rate",
        frameRate == null ? null : JSON.valueToTree(frameRate));
    ArrayNode member = ((ObjectNode) record.get("relationships")).putObject("playlists")
        .putArray("data");
    member.addObject().put("type", "Playlist").put("id", playlist.get("id").asLong());
    byPlaylist.computeIfAbsent(playlist.get("id").asLong(), id -> new ArrayList<>()).add(record);
    return record;
  }

  /** {@code expires_in} of new tokens; {@code null} leaves the key out (the client's default). */
  public synchronized void tokenLifetime(Integer seconds) {
    this.tokenLifetime = seconds;
  }

  /** Every answer (tokens too) waits this long first, outside any scripted delay. */
  public void latency(Duration each) {
    this.latency = each;
  }

  /** Invalidates every issued token: the next data call answers 401. */
  public synchronized void revokeTokens() {
    tokens.clear();
  }

  // ---- failures ----

  /** Scripts a failure for matching requests; later rules are checked after earlier ones. */
  public synchronized Failure when(Predicate<Request> matches) {
    Failure failure = new Failure(matches);
    failures.add(failure);
    return failure;
  }

  /** Drops every scripted failure. */
  public synchronized void clearFailures() {
    failures.clear();
  }

  /** Token requests. */
  public static Predicate<Request> token() {
    return request -> request.kind().equals("token");
  }

  /** {@code _search} on an entity ({@code projects}, {@code versions}, {@code playlists}). */
  public static Predicate<Request> search(String entity) {
    return request -> request.kind().equals("search") && entity.equals(request.entity());
  }

  /** {@code _summarize} on an entity. */
  public static Predicate<Request> summarize(String entity) {
    return request -> request.kind().equals("summarize") && entity.equals(request.entity());
  }

  /** The first page of a paged search (or a call without a page). */
  public static Predicate<Request> firstPage() {
    return request -> request.page() <= 1;
  }

  /** Data calls filtered on this project name. */
  public static Predicate<Request> forProject(String project) {
    return request -> project.equals(request.project());
  }

  /** Searches for the clips of this playlist id. */
  public static Predicate<Request> forPlaylist(long id) {
    return request -> request.playlist() != null && request.playlist() == id;
  }

  // ---- what was asked ----

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many requests matched. */
  public int count(Predicate<Request> matches) {
    return (int) requests.stream().filter(matches).count();
  }

  /** Forgets the recorded requests (data, tokens and failures stay). */
  public void clearRequests() {
    requests.clear();
  }

  // ---- the server ----

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      Request request = describe(exchange, path, body);
      requests.add(request);
      sleep(latency);
      Failure failure = failureFor(request);
      if (failure != null) {
        sleep(failure.delay);
        if (failure.retryAfter != null) {
          exchange.getResponseHeaders().add("Retry-After", failure.retryAfter);
        }
        if (failure.garbage) {
          send(exchange, 200, "<html>this is not json");
          return;
        }
        if (failure.status != 0) {
          send(exchange, failure.status, "{\"errors\":[{\"status\":" + failure.status + "}]}");
          return;
        }
      }
      try {
        answer(exchange, request);
      } catch (RuntimeException e) {
        // A bug in the fake must show as an upstream failure, not a connection reset.
        send(exchange, 500, "{\"errors\":[{\"status\":500}]}");
      }
    }
  }

  private synchronized Failure failureFor(Request request) {
    for (Iterator<Failure> it = failures.iterator(); it.hasNext(); ) {
      Failure failure = it.next();
      if (failure.matches.test(request)) {
        if (failure.remaining > 0 && --failure.remaining == 0) {
          it.remove();
        }
        return failure;
      }
    }
    return null;
  }

  private Request describe(HttpExchange exchange, String path, String body) {
    String kind = "other";
    String entity = null;
    String project = null;
    Long playlist = null;
    int page = 0;
    if (path.equals(API + "/auth/access_token")) {
      kind = "token";
    } else if (path.startsWith(API + "/entity/")) {
      String[] parts = path.substring((API + "/entity/").length()).split("/");
      entity = parts[0];
      kind = parts.length > 1 && parts[1].equals("_summarize") ? "summarize" : "search";
      try {
        JsonNode json = JSON.readTree(body);
        for (JsonNode filter : json.path("filters")) {
          if (filter.path(0).asText().equals("project.Project.name")) {
            project = filter.path(2).asText();
          }
          if (filter.path(0).asText().equals("playlists")) {
            playlist = filter.path(2).path("id").asLong();
          }
        }
        page = json.path("page").path("number").asInt();
      } catch (IOException e) {
        kind = "malformed";
      }
    }
    return new Request(kind, entity, project, playlist, page, exchange.getRequestMethod(), path,
        exchange.getRequestHeaders().getFirst("Content-Type"),
        exchange.getRequestHeaders().getFirst("Accept"),
        exchange.getRequestHeaders().getFirst("Authorization"), body);
  }

  private synchronized void answer(HttpExchange exchange, Request request) throws IOException {
    switch (request.kind()) {
      case "token" -> issueToken(exchange, request);
      case "search", "summarize" -> {
        String authorization = request.authorization();
        if (authorization == null || !authorization.startsWith("Bearer ")
            || !tokens.contains(authorization.substring(7))) {
          send(exchange, 401, "{\"errors\":[{\"status\":401,\"title\":\"Unauthorized\"}]}");
          return;
        }
        JsonNode query = request.json();
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode record : candidates(request)) {
          if (matchesAll(record, query.path("filters"))) {
            matching.add(record);
          }
        }
        matching.sort(Comparator.comparingLong(r -> r.get("id").asLong()));
        ObjectNode out = JSON.createObjectNode();
        if (request.kind().equals("summarize")) {
          ObjectNode data = out.putObject("data");
          data.putObject("summaries").put("id", matching.size());
          data.putArray("groups");
        } else {
          int size = query.path("page").path("size").asInt(500);
          int number = query.path("page").path("number").asInt(1);
          ArrayNode data = out.putArray("data");
          int from = Math.max(0, (number - 1) * size);
          for (int i = from; i < Math.min(matching.size(), from + size); i++) {
            data.add(project(matching.get(i), query.path("fields")));
          }
          out.putObject("links").put("self", request.path());
        }
        send(exchange, 200, JSON.writeValueAsString(out));
      }
      default -> send(exchange, 404, "{\"errors\":[{\"status\":404}]}");
    }
  }

  private void issueToken(HttpExchange exchange, Request request) throws IOException {
    Map<String, String> form = new HashMap<>();
    for (String pair : request.body().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (!"client_credentials".equals(form.get("grant_type")) || !SCRIPT.equals(form.get("client_id"))
        || !KEY.equals(form.get("client_secret"))) {
      send(exchange, 400, "{\"errors\":[{\"status\":400,\"title\":\"Can't authenticate script\"}]}");
      return;
    }
    String token = "fake-access-token-" + (++issued);
    tokens.add(token);
    ObjectNode out = JSON.createObjectNode();
    out.put("token_type", "Bearer");
    out.put("access_token", token);
    if (tokenLifetime != null) {
      out.put("expires_in", tokenLifetime);
    }
    out.put("refresh_token", "fake-refresh-token");
    send(exchange, 200, JSON.writeValueAsString(out));
  }

  /** The records a data call's filter can match: the indexed ones where it names any. */
  private List<ObjectNode> candidates(Request request) {
    if (request.project() != null) {
      return byProject.getOrDefault(request.entity(), Map.of())
          .getOrDefault(request.project(), List.of());
    }
    if (request.playlist() != null && request.entity().equals("versions")) {
      return byPlaylist.getOrDefault(request.playlist(), List.of());
    }
    return records.getOrDefault(request.entity(), List.of());
  }

  private static boolean matchesAll(ObjectNode record, JsonNode filters) {
    for (JsonNode filter : filters) {
      String field = filter.path(0).asText();
      JsonNode value = filter.path(2);
      boolean ok;
      if (field.equals("project.Project.name")) {
        ok = record.at("/relationships/project/data/name").asText("\u0000")
            .equals(value.asText());
      } else if (field.equals("playlists")) {
        ok = false;
        for (JsonNode member : record.at("/relationships/playlists/data")) {
          ok |= member.path("id").asLong() == value.path("id").asLong();
        }
      } else {
        ok = value.equals(record.path("attributes").get(field));
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The record with only the requested fields, as ShotGrid answers. */
  private static ObjectNode project(ObjectNode record, JsonNode fields) {
    ObjectNode out = JSON.createObjectNode();
    out.put("type", record.get("type").asText());
    out.put("id", record.get("id").asLong());
    ObjectNode attributes = out.putObject("attributes");
    ObjectNode relationships = out.putObject("relationships");
    for (JsonNode field : fields) {
      String name = field.asText();
      if (record.path("relationships").has(name)) {
        relationships.set(name, record.path("relationships").get(name).deepCopy());
      } else if (record.path("attributes").has(name)) {
        attributes.set(name, record.path("attributes").get(name).deepCopy());
      }
    }
    out.putObject("links").put("self", "/api/v1.1/entity/" + record.get("type").asText() + "/"
        + record.get("id").asLong());
    return out;
  }

  private ObjectNode record(String entity, String type) {
    ObjectNode record = JSON.createObjectNode();
    record.put("type", type);
    record.put("id", nextId++);
    record.putObject("attributes");
    record.putObject("relationships");
    records.computeIfAbsent(entity, e -> new ArrayList<>()).add(record);
    return record;
  }

  private void index(ObjectNode record, String entity, String project) {
    if (project != null) {
      byProject.computeIfAbsent(entity, e -> new HashMap<>())
          .computeIfAbsent(project, p -> new ArrayList<>()).add(record);
    }
  }

  private static void link(ObjectNode record, String field, String type, String name) {
    if (name == null) {
      return;
    }
    ObjectNode data = ((ObjectNode) record.get("relationships")).putObject(field).putObject("data");
    data.put("type", type);
    data.put("id", Math.abs(name.hashCode()) % 100_000);
    data.put("name", name);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
