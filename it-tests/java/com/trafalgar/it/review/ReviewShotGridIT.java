package com.trafalgar.it.review;

import static com.trafalgar.it.fakes.FakeShotGrid.forPlaylist;
import static com.trafalgar.it.fakes.FakeShotGrid.forProject;
import static com.trafalgar.it.fakes.FakeShotGrid.search;
import static com.trafalgar.it.fakes.FakeShotGrid.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import com.trafalgar.it.fakes.FakeShotGrid;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Review routes (API.md 7) over real HTTP with ShotGrid as the backend: a {@link FakeShotGrid} on
 * a real socket that the server reaches at 127.0.0.1.
 */
@WarTest
class ReviewShotGridIT {
  static final String TOKEN = "it-review-token";
  static final FakeShotGrid SHOTGRID = seeded();
  static long brokenPlaylistId;

  static FakeShotGrid seeded() {
    FakeShotGrid shotgrid = FakeShotGrid.start();
    shotgrid.project("alpha");
    ObjectNode dailies = shotgrid.playlist("alpha", " Dailies ");
    shotgrid.clip(dailies, "v001", "sh010", "M. Silva", "/mnt/review/sh010_v001.mov",
        "1001-1048", 48, 24);
    shotgrid.clip(dailies, "v002", "sh010", null, "/mnt/review/sh010_v002.mov", null, null,
        null);
    shotgrid.clip(dailies, "v003", "sh020", "A. Kwan", null, "1-10", 10, 24);
    ObjectNode duplicate = shotgrid.playlist("alpha", "Dailies");
    shotgrid.clip(duplicate, "v009", "sh090", "X", "/mnt/other.mov", "", 24, 24);
    shotgrid.playlist("alpha", "\t \u00a0\u3000");
    ObjectNode dayNight = shotgrid.playlist("alpha", "Day/Night");
    shotgrid.clip(dayNight, "v001", "sh030", "S. Novak", "/mnt/review/sh030.mov", "", 12, 24);

    shotgrid.playlist("gamma", "Animatics");
    ObjectNode broken = shotgrid.playlist("gamma", "Broken");
    brokenPlaylistId = broken.get("id").asLong();
    shotgrid.when(search("versions").and(forPlaylist(brokenPlaylistId))).status(400);
    shotgrid.when(search("playlists").and(forProject("broken"))).status(400);
    return shotgrid;
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_SERVICE_CREDENTIALS",
        "[{\"id\": \"reviewer\", \"token\": \"review-token\", \"roles\": \"review:read\"}]",
        "ONEPIECE_SHOTGRID_URL", SHOTGRID.url() + "/",
        "SHOTGRID_SCRIPT", FakeShotGrid.SCRIPT,
        "ONEPIECE_SHOTGRID_KEY", FakeShotGrid.KEY,
        "TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT", "5",
        "TRAFALGAR_OFFLINE_DATA", "/ignored/when/shotgrid/is/configured.json");
  }

  @AfterAll
  static void stopShotGrid() {
    SHOTGRID.close();
  }

  @ArquillianResource Http http;

  private Http.Answer get(String path) {
    return http.get(path, Http.bearer("review-token"));
  }

  private static JsonNode json(String text) throws Exception {
    return Http.JSON.readTree(text);
  }

  @Test
  void listsTrimmedMergedSortedPlaylistsWithTheirFigures() throws Exception {
    Http.Answer answer = get("/review/projects/alpha/playlists");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("application/json", answer.mediaType());
    assertEquals(json("""
        {"project": "alpha",
         "playlists": [{"name": "Dailies", "clips": 2, "shots": 1, "duration_seconds": 2.0},
                       {"name": "Day/Night", "clips": 1, "shots": 1, "duration_seconds": 0.5}]}
        """), answer.json());
    assertTrue(answer.body().contains("\"duration_seconds\":2.0"), answer.body());
  }

  @Test
  void showsOnePlaylistWithItsClips() throws Exception {
    Http.Answer answer = get("/review/projects/alpha/playlists/Dailies");

    assertEquals(200, answer.status(), answer.body());
    assertEquals(json("""
        {"project": "alpha", "playlist": "Dailies",
         "summary": {"clips": 2, "shots": 1, "duration_seconds": 2.0},
         "clips": [{"shot": "sh010", "version": "v001",
                    "source_path": "/mnt/review/sh010_v001.mov", "frame_range": "1001-1048",
                    "user": "M. Silva", "duration_seconds": 2.0},
                   {"shot": "sh010", "version": "v002",
                    "source_path": "/mnt/review/sh010_v002.mov", "frame_range": "", "user": "",
                    "duration_seconds": null}]}
        """), answer.json());

    Http.Answer slash = get("/review/projects/alpha/playlists/Day%2FNight/");
    assertEquals(200, slash.status(), slash.body());
    assertEquals("Day/Night", slash.json().get("playlist").asText());
  }

  @Test
  void unknownPlaylistsAre404AndUnknownProjectsEmpty() throws Exception {
    Http.Answer missing = get("/review/projects/alpha/playlists/dailies");
    assertEquals(404, missing.status());
    assertEquals("Playlist not found", missing.json().get("detail").asText());

    Http.Answer unknown = get("/review/projects/ALPHA/playlists");
    assertEquals(200, unknown.status());
    assertEquals(json("{\"project\": \"ALPHA\", \"playlists\": []}"), unknown.json());
  }

  @Test
  void upstreamFailuresAnswer502InBothForms() {
    Http.Answer listing = get("/review/projects/broken/playlists");
    assertEquals(502, listing.status());
    assertEquals("ShotGrid query failed: HTTP 400", listing.json().get("detail").asText());
    Http.Answer listingOne = get("/review/projects/broken/playlists/Dailies");
    assertEquals(502, listingOne.status());
    assertEquals("ShotGrid query failed: HTTP 400", listingOne.json().get("detail").asText());

    Http.Answer clips = get("/review/projects/gamma/playlists");
    assertEquals(502, clips.status());
    assertEquals("Failed to load playlist 'Broken'", clips.json().get("detail").asText());
    Http.Answer clipsOne = get("/review/projects/gamma/playlists/Broken");
    assertEquals(502, clipsOne.status());
    assertEquals("ShotGrid query failed: HTTP 400", clipsOne.json().get("detail").asText());
    assertFalse(clipsOne.body().contains(FakeShotGrid.KEY));
  }

  @Test
  void healthFollowsTheLastShotGridRequest() throws Exception {
    get("/review/projects/broken/playlists");
    Http.Answer down = http.health("/health/ready");
    assertEquals(503, down.status(), down.body());
    JsonNode check = shotgridCheck(down.json());
    assertEquals("DOWN", check.get("status").asText());
    assertEquals("shotgrid", check.get("data").get("mode").asText());

    assertEquals(200, get("/review/projects/alpha/playlists").status());
    Http.Answer up = http.health("/health/ready");
    assertEquals("UP", shotgridCheck(up.json()).get("status").asText(), up.body());
  }

  @Test
  void reviewNeedsReviewReadAndReusesOneToken() {
    assertEquals(401, http.get("/review/projects/alpha/playlists").status());
    assertEquals(200, http.get("/review/projects/alpha/playlists", Http.bearer(TOKEN)).status());
    assertEquals(1, SHOTGRID.count(token()));
  }

  private static JsonNode shotgridCheck(JsonNode health) {
    for (JsonNode check : health.get("checks")) {
      if (check.get("name").asText().equals("shotgrid")) {
        return check;
      }
    }
    throw new AssertionError("no shotgrid check in " + health);
  }
}
