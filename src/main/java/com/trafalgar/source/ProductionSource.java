package com.trafalgar.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Projects, versions and playlists from one production backend (API.md 9.1): ShotGrid or the
 * offline data file. Chosen once at startup. Version records are JSON objects with the keys of
 * API.md 9.4 ({@code project}, {@code shot}, {@code episode}, {@code version}/{@code code}/
 * {@code version_number}, {@code status}, {@code user}, {@code timestamp}/{@code published_at}/
 * {@code updated_at}/{@code created_at}), raw as the backend gave them: the dashboard applies the
 * aggregation rules.
 */
public interface ProductionSource {

  /** {@code shotgrid} or {@code offline}. */
  SourceMode mode();

  /**
   * The backend's project list: ShotGrid's active projects (roster sync, 9.5); offline, the
   * file's {@code projects} and the project names of its versions.
   */
  List<String> listProjects() throws SourceException;

  /**
   * The version records of {@code project}: ShotGrid filters on the exact name (9.2.3); offline
   * returns the records whose project name equals it ignoring case (9.4.1).
   */
  List<ObjectNode> versions(String project) throws SourceException;

  /**
   * Every version record the backend holds (offline: the whole file), read-only: the same list
   * while the data is unchanged. Empty for ShotGrid.
   */
  List<ObjectNode> allVersions() throws SourceException;

  /** The project's playlists, in the backend's order (names not yet trimmed or merged). */
  List<Playlist> playlists(String project) throws SourceException;

  /** The clips of one playlist, in the backend's order; versions without a source are skipped. */
  List<Clip> clips(Playlist playlist) throws SourceException;

  /**
   * Whether the backend's last request succeeded (the {@code shotgrid} health check, 1.5); {@code
   * true} before any request and for backends that cannot fail (offline).
   */
  default boolean lastRequestSucceeded() {
    return true;
  }

  /**
   * A token that stays the same object exactly as long as the backend's data is unchanged, when
   * the backend can tell (the offline file: its parsed content); empty when it cannot (ShotGrid).
   * Lets callers memoise what they derive from the data without walking it on every request.
   */
  default Optional<Object> dataRevision() {
    return Optional.empty();
  }
}
