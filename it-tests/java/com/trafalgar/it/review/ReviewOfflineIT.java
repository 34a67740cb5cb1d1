package com.trafalgar.it.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Review routes (API.md 7) over real HTTP with the offline data file (9.3) as the backend. */
@WarTest
class ReviewOfflineIT {
  static final String TOKEN = "it-offline-token";
  static final Path FILE = Path.of("target/it-review-offline/offline.json").toAbsolutePath();
  static final String DATA = """
      {"projects": ["alpha"],
       "playlists": [
         {"project": "alpha", "name": "Dailies",
          "clips": [{"shot": "sh010", "version": "v001", "source_path": "/mnt/review/a.mov",
                     "frame_range": "1001-1048", "user": "M. Silva", "duration_seconds": 2.0},
                    {"shot": "sh020", "version": "v002", "source_path": "/mnt/review/b.mov"},
                    {"shot": "sh030", "version": "v003", "source_path": " "}]},
         {"project": "alpha", "name": " Animatics ", "clips": []},
         {"project": "alpha", "name": "Dailies", "clips": []},
         {"project": "Alpha", "name": "Other", "clips": []}]}
      """;

  @Deployment(testable = false)
  static WebArchive deployment() {
    write(DATA, 1_000);
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_OFFLINE_DATA", FILE.toString());
  }

  static void write(String content, long modifiedSeconds) {
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, content);
      Files.setLastModifiedTime(FILE, FileTime.from(Instant.ofEpochSecond(modifiedSeconds)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ArquillianResource Http http;

  @BeforeEach
  void data() {
    write(DATA, 1_000);
  }

  private Http.Answer get(String path) {
    return http.get(path, Http.bearer(TOKEN));
  }

  private static JsonNode json(String text) throws Exception {
    return Http.JSON.readTree(text);
  }

  @Test
  void listsAndShowsPlaylistsFromTheFile() throws Exception {
    Http.Answer listing = get("/review/projects/alpha/playlists");
    assertEquals(200, listing.status(), listing.body());
    assertEquals(json("""
        {"project": "alpha",
         "playlists": [{"name": "Animatics", "clips": 0, "shots": 0, "duration_seconds": 0.0},
                       {"name": "Dailies", "clips": 2, "shots": 2, "duration_seconds": 2.0}]}
        """), listing.json());

    Http.Answer one = get("/review/projects/alpha/playlists/Dailies");
    assertEquals(200, one.status(), one.body());
    assertEquals(json("""
        {"project": "alpha", "playlist": "Dailies",
         "summary": {"clips": 2, "shots": 2, "duration_seconds": 2.0},
         "clips": [{"shot": "sh010", "version": "v001", "source_path": "/mnt/review/a.mov",
                    "frame_range": "1001-1048", "user": "M. Silva", "duration_seconds": 2.0},
                   {"shot": "sh020", "version": "v002", "source_path": "/mnt/review/b.mov",
                    "frame_range": "", "user": "", "duration_seconds": null}]}
        """), one.json());

    assertEquals(404, get("/review/projects/alpha/playlists/Other").status());
    assertEquals("Playlist not found",
        get("/review/projects/alpha/playlists/nope").json().get("detail").asText());
    assertEquals(json("{\"project\": \"beta\", \"playlists\": []}"),
        get("/review/projects/beta/playlists").json());
  }

  @Test
  void aChangedFileIsServedToTheNextRequestAndABrokenOneIsNot() throws Exception {
    write("""
        {"playlists": [{"project": "alpha", "name": "Finals",
                        "clips": [{"shot": "sh050", "source_path": "/f.mov",
                                   "duration_seconds": 4}]}]}""", 2_000);
    assertEquals(json("""
        {"project": "alpha",
         "playlists": [{"name": "Finals", "clips": 1, "shots": 1, "duration_seconds": 4.0}]}
        """), get("/review/projects/alpha/playlists").json());

    write("{\"playlists\": [", 3_000);
    Http.Answer kept = get("/review/projects/alpha/playlists");
    assertEquals(200, kept.status());
    assertEquals("Finals", kept.json().get("playlists").get(0).get("name").asText());
  }

  @Test
  void namesWithSurroundingWhitespaceKeepTheirClipsEverywhere() throws Exception {
    write("""
        {"projects": ["alpha"],
         "playlists": [
           {"project": "alpha", "name": "  Animation Review  ",
            "clips": [{"shot": "sh010", "source_path": "/a.mov", "duration_seconds": 1.5},
                      {"shot": "sh020", "source_path": "/b.mov", "duration_seconds": 2.5},
                      {"shot": "sh020", "source_path": "/c.mov"}]},
           {"project": "alpha", "name": "\\tAnimation Review\\n",
            "clips": [{"shot": "sh090", "source_path": "/dup.mov"}]},
           {"project": "alpha", "name": "\\u00a0Layout\\u3000",
            "clips": [{"shot": "sh030", "source_path": "/l.mov", "duration_seconds": 4}]},
           {"project": "alpha", "name": " \\t ", "clips": [{"shot": "x", "source_path": "/x"}]}]}
        """, 4_000);
    JsonNode expected = json("""
        {"project": "alpha",
         "playlists": [{"name": "Animation Review", "clips": 3, "shots": 2,
                        "duration_seconds": 4.0},
                       {"name": "Layout", "clips": 1, "shots": 1, "duration_seconds": 4.0}]}
        """);
    assertEquals(expected, get("/review/projects/alpha/playlists").json());

    Http.Answer one = get("/review/projects/alpha/playlists/Animation%20Review");
    assertEquals(200, one.status(), one.body());
    assertEquals("Animation Review", one.json().get("playlist").asText());
    assertEquals(json("{\"clips\": 3, \"shots\": 2, \"duration_seconds\": 4.0}"),
        one.json().get("summary"));
    assertEquals(3, one.json().get("clips").size());
    assertEquals(200, get("/review/projects/alpha/playlists/Layout").status());

    // the dashboard's review figures (9.10) count the same clips
    JsonNode alpha = json("""
        {"project": "alpha", "playlists": 2, "clips": 4, "shots": 3, "duration_seconds": 8.0}
        """);
    JsonNode metricsReview = get("/metrics").json().get("review");
    assertEquals(alpha, metricsReview.get("projects").get(0), metricsReview.toString());
    JsonNode statusReview = http.get("/status").json().get("review");
    assertEquals(alpha, statusReview.get("projects").get(0), statusReview.toString());
  }

  @Test
  void healthReportsOfflineAndUp() {
    Http.Answer ready = http.health("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    for (JsonNode check : ready.json().get("checks")) {
      if (check.get("name").asText().equals("shotgrid")) {
        assertEquals("UP", check.get("status").asText());
        assertEquals("offline", check.get("data").get("mode").asText());
        return;
      }
    }
    throw new AssertionError(ready.body());
  }
}
