package com.trafalgar.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.shotgrid.ShotGridClient;
import com.trafalgar.shotgrid.ShotGridException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ShotGrid as a {@link ProductionSource}: the requests of API.md 9.2.3, one logical call each,
 * over the {@link ShotGridClient}; its failures become {@link SourceException}s with the same
 * reason.
 */
public class ShotGridSource implements ProductionSource {
  static final List<String> VERSION_FIELDS =
      List.of("code", "sg_status_list", "entity", "user", "project", "created_at", "updated_at");
  static final List<String> CLIP_FIELDS =
      List.of(
          "code",
          "entity",
          "user",
          "sg_path_to_movie",
          "sg_uploaded_movie",
          "sg_path_to_frames",
          "frame_range",
          "frame_count",
          "sg_uploaded_movie_frame_rate");

  private final ShotGridClient client;

  public ShotGridSource(ShotGridClient client) {
    this.client = client;
  }

  @Override
  public SourceMode mode() {
    return SourceMode.SHOTGRID;
  }

  /** The roster query: active, non-template projects; names trimmed, blanks dropped. */
  @Override
  public List<String> listProjects() throws SourceException {
    ArrayNode filters = Json.mapper().createArrayNode();
    filters.add(condition("archived", "is").add(false));
    filters.add(condition("is_template", "is").add(false));
    List<JsonNode> records =
        call("project roster", call -> call.search("projects", filters, List.of("name")));
    Set<String> names = new LinkedHashSet<>();
    records.forEach(record -> ShotGridRecords.projectName(record).ifPresent(names::add));
    return List.copyOf(names);
  }

  /** The project's versions: a record count first, then the search unless the count is 0. */
  @Override
  public List<ObjectNode> versions(String project) throws SourceException {
    ArrayNode filters = projectFilter(project);
    List<JsonNode> records =
        call(
            "versions of " + project,
            call ->
                call.count("versions", filters) == 0
                    ? List.of()
                    : call.search("versions", filters, VERSION_FIELDS));
    List<ObjectNode> versions = new ArrayList<>(records.size());
    records.forEach(record -> versions.add(ShotGridRecords.version(record, project)));
    return versions;
  }

  /** ShotGrid is only ever read per project. */
  @Override
  public List<ObjectNode> allVersions() {
    return List.of();
  }

  @Override
  public List<Playlist> playlists(String project) throws SourceException {
    ArrayNode filters = projectFilter(project);
    List<JsonNode> records =
        call(
            "playlists of " + project, call -> call.search("playlists", filters, List.of("code")));
    List<Playlist> playlists = new ArrayList<>(records.size());
    for (JsonNode record : records) {
      playlists.add(
          new Playlist(project, ShotGridRecords.playlistName(record), record.path("id").asText()));
    }
    return playlists;
  }

  @Override
  public List<Clip> clips(Playlist playlist) throws SourceException {
    ArrayNode filters = Json.mapper().createArrayNode();
    ObjectNode link = Json.object();
    link.put("type", "Playlist");
    try {
      link.put("id", Long.parseLong(playlist.id()));
    } catch (NumberFormatException e) {
      link.put("id", playlist.id());
    }
    filters.add(condition("playlists", "is").add(link));
    List<JsonNode> records =
        call(
            "clips of playlist " + playlist.name(),
            call -> call.search("versions", filters, CLIP_FIELDS));
    List<Clip> clips = new ArrayList<>(records.size());
    records.forEach(record -> ShotGridRecords.clip(record).ifPresent(clips::add));
    return clips;
  }

  /** Whether the last ShotGrid call succeeded (true before the first): the health check. */
  @Override
  public boolean lastRequestSucceeded() {
    return client.lastRequestSucceeded();
  }

  /** One logical ShotGrid call; the client's failure becomes the source's, reason and all. */
  private <T> T call(String purpose, ShotGridClient.Work<T> work) throws SourceException {
    try {
      return client.call(purpose, work);
    } catch (ShotGridException e) {
      throw new SourceException(e.reason(), e);
    }
  }

  /** The client, for its counters. */
  public ShotGridClient client() {
    return client;
  }

  private static ArrayNode projectFilter(String project) {
    ArrayNode filters = Json.mapper().createArrayNode();
    filters.add(condition("project.Project.name", "is").add(project));
    return filters;
  }

  private static ArrayNode condition(String field, String relation) {
    return Json.mapper().createArrayNode().add(field).add(relation);
  }
}
