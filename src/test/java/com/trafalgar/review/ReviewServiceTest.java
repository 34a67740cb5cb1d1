package com.trafalgar.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ApiException;
import com.trafalgar.source.Clip;
import com.trafalgar.source.Playlist;
import com.trafalgar.source.ProductionSource;
import com.trafalgar.source.SourceException;
import com.trafalgar.source.SourceMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Playlist listing, detail and the dashboard's review summary (API.md 7, 9.10, 15). */
class ReviewServiceTest {

  /** A small in-memory backend: playlists per project, clips per playlist id, scripted failures. */
  static final class Backend implements ProductionSource {
    final Map<String, List<Playlist>> playlists = new HashMap<>();
    final Map<String, List<Clip>> clips = new HashMap<>();
    final Set<String> failingProjects = new HashSet<>();
    final Set<String> failingPlaylists = new HashSet<>();

    Playlist playlist(String project, String name, Clip... content) {
      Playlist playlist = new Playlist(project, name, Integer.toString(clips.size() + 1));
      playlists.computeIfAbsent(project, p -> new ArrayList<>()).add(playlist);
      clips.put(playlist.id(), List.of(content));
      return playlist;
    }

    @Override
    public SourceMode mode() {
      return SourceMode.OFFLINE;
    }

    @Override
    public List<String> listProjects() {
      return List.copyOf(playlists.keySet());
    }

    @Override
    public List<ObjectNode> versions(String project) {
      return List.of();
    }

    @Override
    public List<ObjectNode> allVersions() {
      return List.of();
    }

    @Override
    public List<Playlist> playlists(String project) throws SourceException {
      if (failingProjects.contains(project)) {
        throw new SourceException("HTTP 503");
      }
      return playlists.getOrDefault(project, List.of());
    }

    @Override
    public List<Clip> clips(Playlist playlist) throws SourceException {
      if (failingPlaylists.contains(playlist.id())) {
        throw new SourceException("timeout");
      }
      return clips.get(playlist.id());
    }
  }

  private final Backend backend = new Backend();
  private final ReviewService review = new ReviewService(() -> Optional.of(backend));

  private static Clip clip(String shot, Double duration) {
    return new Clip(shot, "v001", "/mnt/" + shot + ".mov", "", "", duration);
  }

  private static int status(ApiException e) {
    return e.status();
  }

  private static String detail(ApiException e) {
    return e.body().get("detail").asText();
  }

  @Test
  void playlistsAreTrimmedMergedAndSortedByCodePoint() {
    backend.playlist("alpha", " Dailies ", clip("sh010", 2.0), clip("sh010", null),
        clip("", 1.5));
    backend.playlist("alpha", "Dailies", clip("sh999", 9.0));
    backend.playlist("alpha", "   ");
    backend.playlist("alpha", "dailies");
    backend.playlist("alpha", "Édition");
    backend.playlist("alpha", "Zeta", clip("sh020", 1.0), clip("sh030", 1.0));

    ProjectPlaylists listing = review.playlists("alpha");

    assertEquals("alpha", listing.project());
    assertEquals(List.of(
        new PlaylistSummary("Dailies", 3, 1, 3.5),
        new PlaylistSummary("Zeta", 2, 2, 2.0),
        new PlaylistSummary("dailies", 0, 0, 0.0),
        new PlaylistSummary("Édition", 0, 0, 0.0)), listing.playlists());
  }

  @Test
  void anUnknownProjectHasNoPlaylists() {
    assertEquals(new ProjectPlaylists("nobody", List.of()), review.playlists("nobody"));
  }

  @Test
  void listingFailuresAnswer502WithTheirForm() {
    backend.failingProjects.add("alpha");
    ApiException listing = assertThrows(ApiException.class, () -> review.playlists("alpha"));
    assertEquals(502, status(listing));
    assertEquals("ShotGrid query failed: HTTP 503", detail(listing));
    ApiException single = assertThrows(ApiException.class,
        () -> review.playlist("alpha", "Dailies"));
    assertEquals("ShotGrid query failed: HTTP 503", detail(single));
  }

  @Test
  void clipFailuresNameThePlaylistInTheListingOnly() {
    Playlist dailies = backend.playlist("alpha", " Dailies ", clip("sh010", 2.0));
    backend.failingPlaylists.add(dailies.id());

    ApiException listing = assertThrows(ApiException.class, () -> review.playlists("alpha"));
    assertEquals(502, status(listing));
    assertEquals("Failed to load playlist 'Dailies'", detail(listing));

    ApiException single = assertThrows(ApiException.class,
        () -> review.playlist("alpha", "Dailies"));
    assertEquals(502, status(single));
    assertEquals("ShotGrid query failed: timeout", detail(single));
  }

  @Test
  void onePlaylistWithItsClips() {
    backend.playlist("alpha", " Dailies ", clip("sh010", 2.0), clip("sh010", null));
    backend.playlist("alpha", "Dailies", clip("sh999", 9.0));

    PlaylistDetail detail = review.playlist("alpha", "Dailies");

    assertEquals("Dailies", detail.playlist());
    assertEquals(new ClipTotals(2, 1, 2.0), detail.summary());
    assertEquals(List.of(clip("sh010", 2.0), clip("sh010", null)), detail.clips());

    ApiException missing = assertThrows(ApiException.class,
        () -> review.playlist("alpha", "dailies"));
    assertEquals(404, status(missing));
    assertEquals("Playlist not found", detail(missing));
    assertEquals(404, status(assertThrows(ApiException.class,
        () -> review.playlist("alpha", " Dailies "))));
  }

  @Test
  void withoutABackendTheRoutesAnswer503() {
    ReviewService none = new ReviewService(Optional::empty);
    assertFalse(none.configured());
    ApiException e = assertThrows(ApiException.class, () -> none.playlists("alpha"));
    assertEquals(503, status(e));
    assertEquals("Review backend is not configured.", detail(e));
    assertEquals(503, status(assertThrows(ApiException.class, () -> none.playlist("a", "b"))));
  }

  @Test
  void theSummaryLeavesOutFailingPlaylistsAndAddsShotsPerPlaylist() throws Exception {
    backend.playlist("alpha", "Dailies", clip("sh010", 2.0), clip("sh020", 1.0));
    backend.playlist("alpha", "Finals", clip("sh010", 4.0));
    Playlist broken = backend.playlist("alpha", "Broken", clip("sh030", 8.0));
    backend.failingPlaylists.add(broken.id());
    backend.playlist("alpha", "  ");

    assertTrue(review.configured());
    assertEquals(new ProjectReview("alpha", 2, 3, 3, 7.0), review.summarise("alpha"));
    assertEquals(new ProjectReview("empty", 0, 0, 0, 0.0), review.summarise("empty"));

    backend.failingProjects.add("alpha");
    assertEquals("HTTP 503",
        assertThrows(SourceException.class, () -> review.summarise("alpha")).reason());
  }
}
