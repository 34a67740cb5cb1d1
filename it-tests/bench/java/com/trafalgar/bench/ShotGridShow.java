package com.trafalgar.bench;

import static com.trafalgar.it.fakes.FakeShotGrid.firstPage;
import static com.trafalgar.it.fakes.FakeShotGrid.forPlaylist;
import static com.trafalgar.it.fakes.FakeShotGrid.forProject;
import static com.trafalgar.it.fakes.FakeShotGrid.search;
import static com.trafalgar.it.fakes.FakeShotGrid.summarize;
import static com.trafalgar.it.fakes.FakeShotGrid.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.it.fakes.FakeShotGrid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The show of the offline file (20 projects, 2,500 versions each, 3 playlists of 10 clips) on the
 * ITs' {@link FakeShotGrid}, every call answered after a fixed upstream latency like a real site,
 * and the fake's request log read as calls per project, so the dashboard's protection of ShotGrid
 * (single-flight, TTL) is measured from the upstream's side. As on a real site, a playlist's clips
 * are versions of its project too (2,530 versions a project).
 */
final class ShotGridShow implements AutoCloseable {
  /** Calls of one kind for one project since the last {@link #reset()}. */
  enum Call { SUMMARIZE, VERSIONS_FETCH, VERSIONS_PAGE, PLAYLISTS_FETCH, CLIPS_FETCH }

  private final FakeShotGrid shotgrid = FakeShotGrid.start();
  private final List<String> projects = Datasets.projectNames();
  /** Playlist ids per project index, for counting clip fetches. */
  private final List<List<Long>> playlists = new ArrayList<>();

  ShotGridShow(long latencyMillis) {
    shotgrid.latency(Duration.ofMillis(latencyMillis));
    projects.forEach(shotgrid::project);
    for (int i = 0; i < Datasets.VERSIONS; i++) {
      ObjectNode version = Datasets.version(i);
      ObjectNode attributes = (ObjectNode) shotgrid.version(version.get("project").asText(),
          String.format(Locale.ROOT, "v%03d", version.get("version").asInt()),
          version.get("shot").asText(), version.get("status").asText(),
          version.get("user").asText()).get("attributes");
      attributes.put("created_at", version.get("timestamp").asText());
      attributes.put("updated_at", version.get("timestamp").asText());
    }
    for (int p = 0; p < projects.size(); p++) {
      List<Long> ids = new ArrayList<>();
      for (int l = 0; l < Datasets.PLAYLISTS_PER_PROJECT; l++) {
        ObjectNode playlist = shotgrid.playlist(projects.get(p), "Dailies " + (l + 1));
        ids.add(playlist.get("id").asLong());
        for (int c = 0; c < Datasets.CLIPS_PER_PLAYLIST; c++) {
          ObjectNode clip = Datasets.clip(p, l, c);
          ObjectNode attributes = (ObjectNode) shotgrid.clip(playlist,
              clip.get("version").asText(), clip.get("shot").asText(), clip.get("user").asText(),
              clip.get("source_path").asText(), clip.get("frame_range").asText(), 48, 24.0)
              .get("attributes");
          attributes.putNull("sg_uploaded_movie");
          attributes.putNull("sg_path_to_frames");
        }
      }
      playlists.add(ids);
    }
  }

  String url() {
    return shotgrid.url();
  }

  /** Forgets the calls so far. */
  void reset() {
    shotgrid.clearRequests();
  }

  long count(String project, Call call) {
    Predicate<FakeShotGrid.Request> matches = switch (call) {
      case SUMMARIZE -> summarize("versions").and(forProject(project));
      case VERSIONS_FETCH -> search("versions").and(forProject(project)).and(firstPage());
      case VERSIONS_PAGE -> search("versions").and(forProject(project));
      case PLAYLISTS_FETCH -> search("playlists").and(forProject(project)).and(firstPage());
      case CLIPS_FETCH -> {
        int index = projects.indexOf(project);
        Predicate<FakeShotGrid.Request> any = request -> false;
        for (long id : index < 0 ? List.<Long>of() : playlists.get(index)) {
          any = any.or(forPlaylist(id));
        }
        yield search("versions").and(any).and(firstPage());
      }
    };
    return shotgrid.count(matches);
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
        row.put(call.name().toLowerCase(Locale.ROOT), count(project, call));
      }
      out.put(project, row);
    }
    return out;
  }

  long tokenRequests() {
    return shotgrid.count(token());
  }

  /** Roster listings: first pages of the projects search. */
  long projectListings() {
    return shotgrid.count(search("projects").and(firstPage()));
  }

  long totalRequests() {
    return shotgrid.requests().size();
  }

  List<String> projects() {
    return projects;
  }

  @Override
  public void close() {
    shotgrid.close();
  }
}
