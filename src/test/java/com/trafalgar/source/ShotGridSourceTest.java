package com.trafalgar.source;

import static com.trafalgar.it.fakes.FakeShotGrid.search;
import static com.trafalgar.it.fakes.FakeShotGrid.summarize;
import static com.trafalgar.it.fakes.FakeShotGrid.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.ShotGridSettings;
import com.trafalgar.shotgrid.ShotGridClient;
import com.trafalgar.it.fakes.FakeShotGrid;
import com.trafalgar.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ShotGrid client and source against {@link FakeShotGrid} over a real socket. */
class ShotGridSourceTest {
  private FakeShotGrid shotgrid;
  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<ShotGridClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    shotgrid = FakeShotGrid.start();
  }

  @AfterEach
  void stop() {
    clients.forEach(ShotGridClient::close);
    shotgrid.close();
  }

  /** A source whose retry waits are recorded and move the clock instead of sleeping. */
  private ShotGridSource source(String url, double requestTimeout) {
    ShotGridSettings settings = new ShotGridSettings(Optional.of(url),
        Optional.of(FakeShotGrid.SCRIPT), Optional.of(FakeShotGrid.KEY), 5, requestTimeout);
    ShotGridClient client = new ShotGridClient(settings, clock, delay -> {
      sleeps.add(delay);
      clock.advance(delay);
    });
    clients.add(client);
    return new ShotGridSource(client);
  }

  private ShotGridSource source() {
    return source(shotgrid.url(), 10);
  }

  private static String reason(Executable call) {
    return assertThrows(SourceException.class, call::run).reason();
  }

  /** Parsed as the fake parses what it receives, so number types compare equal. */
  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  interface Executable {
    void run() throws SourceException;
  }

  @Test
  void rosterIsActiveNonTemplateProjectsTrimmed() throws Exception {
    shotgrid.project("alpha");
    shotgrid.project("  beta ");
    shotgrid.project("   ");
    shotgrid.project("gamma", true, false);
    shotgrid.project("delta", false, true);

    assertEquals(List.of("alpha", "beta"), source().listProjects());

    FakeShotGrid.Request auth = shotgrid.requests().get(0);
    assertEquals("/api/v1.1/auth/access_token", auth.path());
    assertEquals("POST", auth.method());
    assertEquals("application/x-www-form-urlencoded", auth.contentType());
    assertEquals("application/json", auth.accept());
    assertEquals("grant_type=client_credentials&client_id=" + FakeShotGrid.SCRIPT
        + "&client_secret=" + FakeShotGrid.KEY, auth.body());

    FakeShotGrid.Request first = shotgrid.requests().get(1);
    assertEquals("/api/v1.1/entity/projects/_search", first.path());
    assertEquals("application/vnd+shotgun.api3_array+json", first.contentType());
    assertEquals("application/json", first.accept());
    assertEquals("Bearer fake-access-token-1", first.authorization());
    assertEquals(json("""
        {"filters": [["archived", "is", false], ["is_template", "is", false]],
         "fields": ["name"], "sort": "id", "page": {"size": 500, "number": 1}}"""),
        first.json());
    assertEquals(List.of(1, 2), shotgrid.requests().stream().filter(search("projects"))
        .map(FakeShotGrid.Request::page).collect(Collectors.toList()));
  }

  @Test
  void versionsAreCountedThenReadPageByPageUntilAnEmptyPage() throws Exception {
    for (int i = 1; i <= 1001; i++) {
      shotgrid.version("alpha", "v" + i, "sh" + i, "apr", "M. Silva");
    }
    shotgrid.version("beta", "v1", "sh1", "apr", "M. Silva");

    List<ObjectNode> versions = source().versions("alpha");

    assertEquals(1001, versions.size());
    assertEquals("v1", versions.get(0).get("version").asText());
    assertEquals("v1001", versions.get(1000).get("version").asText());
    FakeShotGrid.Request count = shotgrid.requests().stream().filter(summarize("versions"))
        .findFirst().orElseThrow();
    assertEquals("/api/v1.1/entity/versions/_summarize", count.path());
    assertEquals("application/vnd+shotgun.api3_array+json", count.contentType());
    assertEquals(json("""
        {"filters": [["project.Project.name", "is", "alpha"]],
         "summary_fields": [{"field": "id", "type": "record_count"}]}"""), count.json());
    List<FakeShotGrid.Request> pages = shotgrid.requests().stream().filter(search("versions"))
        .collect(Collectors.toList());
    assertEquals(List.of(1, 2, 3, 4), pages.stream().map(FakeShotGrid.Request::page)
        .collect(Collectors.toList()));
    assertEquals(json("""
        ["code", "sg_status_list", "entity", "user", "project", "created_at", "updated_at"]"""),
        pages.get(0).json().get("fields"));
    assertEquals("id", pages.get(0).json().get("sort").asText());
  }

  @Test
  void aCountOfZeroSkipsTheSearch() throws Exception {
    shotgrid.version("alpha", "v001", "sh010", "apr", "M. Silva");

    assertEquals(List.of(), source().versions("nobody"));

    assertEquals(1, shotgrid.count(summarize("versions")));
    assertEquals(0, shotgrid.count(search("versions")));
  }

  @Test
  void versionRecordsCarryTheAggregationKeys() throws Exception {
    shotgrid.version("alpha", "v003", "sh010", "apr", "M. Silva");
    ObjectNode asset = shotgrid.version("alpha", "v004", "chair", "rev", "A. Kwan");
    ((ObjectNode) asset.at("/relationships/entity/data")).put("type", "Asset");

    List<ObjectNode> versions = source().versions("alpha");

    assertEquals(json("""
        {"project": "alpha", "shot": "sh010", "version": "v003", "status": "apr",
         "user": "M. Silva", "updated_at": "2024-05-02T10:00:00Z",
         "created_at": "2024-05-01T10:00:00Z"}"""), versions.get(0));
    assertTrue(versions.get(1).get("shot").isNull());
  }

  @Test
  void playlistsAndClipsFollowTheRequestShapes() throws Exception {
    ObjectNode dailies = shotgrid.playlist("alpha", " Dailies ");
    shotgrid.playlist("beta", "Other");
    shotgrid.clip(dailies, "v001", "sh010", "M. Silva", "/mnt/review/sh010_v001.mov",
        "1001-1048", 48, 24);
    shotgrid.clip(dailies, "v002", "sh020", "A. Kwan", null, "", 10, 24);

    ShotGridSource source = source();
    List<Playlist> playlists = source.playlists("alpha");
    assertEquals(1, playlists.size());
    assertEquals(" Dailies ", playlists.get(0).name());
    assertEquals(dailies.get("id").asText(), playlists.get(0).id());

    List<Clip> clips = source.clips(playlists.get(0));
    assertEquals(List.of(new Clip("sh010", "v001", "/mnt/review/sh010_v001.mov", "1001-1048",
        "M. Silva", 2.0)), clips);

    FakeShotGrid.Request clipSearch = shotgrid.requests().stream()
        .filter(FakeShotGrid.forPlaylist(dailies.get("id").asLong())).findFirst().orElseThrow();
    JsonNode expectedFilter = json(
        "[[\"playlists\", \"is\", {\"type\": \"Playlist\", \"id\": " + dailies.get("id") + "}]]");
    assertEquals(expectedFilter, clipSearch.json().get("filters"));
    assertEquals(new ObjectMapper().valueToTree(ShotGridSource.CLIP_FIELDS),
        clipSearch.json().get("fields"));
  }

  @Test
  void theTokenIsReusedUntilThirtySecondsBeforeItExpires() throws Exception {
    shotgrid.project("alpha");
    ShotGridSource source = source();
    source.listProjects();
    source.listProjects();
    assertEquals(1, shotgrid.count(token()));

    clock.advance(Duration.ofSeconds(569));
    source.listProjects();
    assertEquals(1, shotgrid.count(token()));

    clock.advance(Duration.ofSeconds(2));
    source.listProjects();
    assertEquals(2, shotgrid.count(token()));
  }

  @Test
  void concurrentCallsShareOneTokenRequest() throws Exception {
    shotgrid.project("alpha");
    shotgrid.when(token()).delay(Duration.ofMillis(300)).times(1);
    ShotGridSource source = source();
    List<Thread> threads = new ArrayList<>();
    List<Object> results = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread thread = new Thread(() -> {
        try {
          results.add(source.listProjects());
        } catch (SourceException e) {
          results.add(e.reason());
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(List.of(List.of("alpha"), List.of("alpha"), List.of("alpha"), List.of("alpha")),
        results);
    assertEquals(1, shotgrid.count(token()));
  }

  @Test
  void expiresInDefaultsTo600Seconds() throws Exception {
    shotgrid.tokenLifetime(null);
    shotgrid.project("alpha");
    ShotGridSource source = source();
    source.listProjects();
    clock.advance(Duration.ofSeconds(569));
    source.listProjects();
    assertEquals(1, shotgrid.count(token()));
    clock.advance(Duration.ofSeconds(2));
    source.listProjects();
    assertEquals(2, shotgrid.count(token()));
  }

  @Test
  void a401RenewsTheTokenOnceAndRetriesOnce() throws Exception {
    shotgrid.project("alpha");
    ShotGridSource source = source();
    source.listProjects();
    shotgrid.revokeTokens();
    shotgrid.clearRequests();

    assertEquals(List.of("alpha"), source.listProjects());
    assertEquals(1, shotgrid.count(token()));

    shotgrid.clearRequests();
    shotgrid.when(search("projects")).status(401);
    assertEquals("HTTP 401", reason(source::listProjects));
    assertEquals(2, shotgrid.count(search("projects")));
    assertEquals(1, shotgrid.count(token()));
    assertTrue(sleeps.isEmpty(), "a 401 is not a retryable status");
  }

  @Test
  void serverErrorsAreRetriedAfterHalfASecondOneAndTwo() throws Exception {
    shotgrid.project("alpha");
    shotgrid.when(search("projects")).status(503).times(2);
    assertEquals(List.of("alpha"), source().listProjects());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), sleeps);

    sleeps.clear();
    shotgrid.clearRequests();
    shotgrid.when(search("projects")).status(500);
    assertEquals("HTTP 500", reason(source(shotgrid.url(), 30)::listProjects));
    assertEquals(4, shotgrid.count(search("projects")));
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)),
        sleeps);
  }

  @Test
  void retryAfterReplacesTheDelayAndIsCappedAtTenSeconds() throws Exception {
    shotgrid.project("alpha");
    shotgrid.when(search("projects")).status(429).retryAfter("3").times(1);
    shotgrid.when(search("projects")).status(429).retryAfter("120").times(1);
    shotgrid.when(search("projects")).status(503).retryAfter("soon").times(1);

    assertEquals(List.of("alpha"), source(shotgrid.url(), 60).listProjects());

    assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(2)),
        sleeps);
  }

  @Test
  void tokenRequestsAreRetriedAndTheirFailureIsTheirStatus() throws Exception {
    shotgrid.project("alpha");
    shotgrid.when(token()).status(502).times(1);
    assertEquals(List.of("alpha"), source().listProjects());
    assertEquals(List.of(Duration.ofMillis(500)), sleeps);

    ShotGridSettings wrongKey = new ShotGridSettings(Optional.of(shotgrid.url()),
        Optional.of(FakeShotGrid.SCRIPT), Optional.of("not-the-key"), 5, 10);
    ShotGridClient client = new ShotGridClient(wrongKey, clock, delay -> { });
    clients.add(client);
    assertEquals("HTTP 400", reason(new ShotGridSource(client)::listProjects));
  }

  @Test
  void oneLogicalCallGivesUpWhenItsBudgetIsSpent() throws Exception {
    shotgrid.project("alpha");
    shotgrid.when(search("projects")).status(503);

    assertEquals("HTTP 503", reason(source(shotgrid.url(), 2)::listProjects));

    // 0.5 s + 1 s spent; waiting 2 s more would pass the 2 s budget, so the call stops there
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), sleeps);
    assertEquals(3, shotgrid.count(search("projects")));
  }

  @Test
  void aSlowAnswerIsATimeoutAndIsNotRetried() throws Exception {
    shotgrid.project("alpha");
    shotgrid.when(search("projects")).delay(Duration.ofSeconds(3));

    assertEquals("timeout", reason(source(shotgrid.url(), 0.3)::listProjects));

    assertEquals(1, shotgrid.count(search("projects")));
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void anUnreachableSiteIsAConnectionFailureRetriedThreeTimes() throws Exception {
    String url = shotgrid.url();
    shotgrid.close();

    assertEquals("connection failed", reason(source(url, 30)::listProjects));

    assertEquals(3, sleeps.size());
  }

  @Test
  void aSiteUrlThatIsNotHttpCannotConnect() {
    assertEquals("connection failed", reason(source("studio.example.com", 10)::listProjects));
    assertEquals("connection failed", reason(source("http://bad host", 10)::listProjects));
  }

  @Test
  void unparsableBodiesAreInvalidResponses() throws Exception {
    shotgrid.project("alpha");
    ShotGridSource source = source();
    shotgrid.when(search("projects")).garbage().times(1);
    assertEquals("invalid response", reason(source::listProjects));

    shotgrid.when(summarize("versions")).garbage().times(1);
    assertEquals("invalid response", reason(() -> source.versions("alpha")));

    shotgrid.revokeTokens();
    shotgrid.when(token()).garbage().times(1);
    assertEquals("invalid response", reason(source::listProjects));
  }

  @Test
  void healthFollowsTheLastCall() throws Exception {
    shotgrid.project("alpha");
    ShotGridSource source = source();
    assertTrue(source.lastRequestSucceeded());
    shotgrid.when(search("projects")).status(404).times(1);
    assertEquals("HTTP 404", reason(source::listProjects));
    assertFalse(source.lastRequestSucceeded());
    source.listProjects();
    assertTrue(source.lastRequestSucceeded());
    assertEquals(1, source.client().succeededCalls());
    assertEquals(1, source.client().failedCalls());
  }

  @Test
  void noSecretReachesAReasonOrALogLine() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        seen.add(String.valueOf(record.getMessage()) + " " + record.getParameters() + " "
            + record.getThrown());
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
    Logger logger = Logger.getLogger("com.trafalgar");
    Level level = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(capture);
    try {
      shotgrid.project("alpha");
      ShotGridSource source = source(shotgrid.url(), 30);
      source.listProjects();
      shotgrid.revokeTokens();
      shotgrid.when(search("projects")).status(401).times(2);
      seen.add(reason(source::listProjects));
      shotgrid.when(search("projects")).status(503).times(4);
      seen.add(reason(source::listProjects));
      shotgrid.when(search("projects")).garbage().times(1);
      seen.add(reason(source::listProjects));
      shotgrid.revokeTokens();
      shotgrid.when(token()).status(400).times(1);
      seen.add(reason(source::listProjects));
      String url = shotgrid.url();
      shotgrid.close();
      seen.add(reason(source(url, 30)::listProjects));
    } finally {
      logger.removeHandler(capture);
      logger.setLevel(level);
    }
    assertTrue(seen.size() >= 5, seen.toString());
    for (String line : seen) {
      assertFalse(line.contains(FakeShotGrid.KEY), line);
      assertFalse(line.contains("fake-access-token"), line);
    }
    ShotGridSettings settings = new ShotGridSettings(Optional.of("https://x"), Optional.of("s"),
        Optional.of(FakeShotGrid.KEY), 5, 10);
    assertFalse(settings.toString().contains(FakeShotGrid.KEY));
  }
}
