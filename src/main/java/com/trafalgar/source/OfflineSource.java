package com.trafalgar.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.storage.FileBytes;
import com.trafalgar.storage.FileFingerprint;
import com.trafalgar.text.Text;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The offline data file of API.md 9.3 as a {@link ProductionSource}. The file's fingerprint is
 * checked on every access (15) and the file re-parsed when it changed; a missing or malformed file
 * logs an error once per change and the last good content keeps being served (empty at first).
 * Never fails: offline data has no upstream.
 */
public class OfflineSource implements ProductionSource {
  private static final Logger LOG = Logger.getLogger(OfflineSource.class.getName());

  /**
   * One parsed state of the file.
   *
   * @param known the file's {@code projects}, then the project names of its versions; distinct,
   *     in order (computed once per parse: a large file has tens of thousands of versions)
   */
  record Content(List<String> projects, List<ObjectNode> versions, List<OfflinePlaylist> playlists,
      List<String> known) {
    static final Content EMPTY = new Content(List.of(), List.of(), List.of(), List.of());

    static Content of(List<String> projects, List<ObjectNode> versions,
        List<OfflinePlaylist> playlists) {
      Set<String> names = new LinkedHashSet<>(projects);
      for (ObjectNode version : versions) {
        ProjectNames.of(version.get("project")).ifPresent(names::add);
      }
      return new Content(List.copyOf(projects), List.copyOf(versions), List.copyOf(playlists),
          List.copyOf(names));
    }
  }

  /**
   * A playlist as the file holds it, its name trimmed; {@code project} is empty when the file
   * names none.
   */
  record OfflinePlaylist(Optional<String> project, String name, List<Clip> clips) {}

  private final Path file;
  /** The fingerprint last looked at; {@code null} before the first read. */
  private Optional<FileFingerprint> seen;
  private Content content = Content.EMPTY;

  /** Reads the file once now. */
  public OfflineSource(Path file) {
    this(file, true);
  }

  /**
   * @param readNow whether to read the file now; otherwise the first access reads it (the
   *     application starts that access in the background, so a large file does not delay startup)
   */
  OfflineSource(Path file, boolean readNow) {
    this.file = file;
    if (readNow) {
      current();
    }
  }

  @Override
  public SourceMode mode() {
    return SourceMode.OFFLINE;
  }

  /** The file's {@code projects}, then the project names of its versions; distinct, in order. */
  @Override
  public List<String> listProjects() {
    return current().known();
  }

  /** The records whose project name equals {@code project} ignoring case (9.4.1); copies. */
  @Override
  public List<ObjectNode> versions(String project) {
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode version : current().versions()) {
      if (ProjectNames.of(version.get("project")).filter(n -> ProjectNames.matches(n, project))
          .isPresent()) {
        matching.add(version.deepCopy());
      }
    }
    return matching;
  }

  /**
   * Every version record of the file: the same unmodifiable list for as long as the file is
   * unchanged, so the dashboard can memoise its aggregate on the list's identity instead of walking
   * 50,000 records per request. The records are shared and must only be read.
   */
  @Override
  public List<ObjectNode> allVersions() {
    return current().versions();
  }

  /** The parsed content being served: a new object after every change of the file. */
  @Override
  public Optional<Object> dataRevision() {
    return Optional.of(current());
  }

  /**
   * The playlists whose project is exactly {@code project} (review routes compare exactly, 7), in
   * file order; the id is the playlist's position in the file.
   */
  @Override
  public List<Playlist> playlists(String project) {
    List<OfflinePlaylist> all = current().playlists();
    List<Playlist> matching = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      OfflinePlaylist playlist = all.get(i);
      if (playlist.project().filter(project::equals).isPresent()) {
        matching.add(new Playlist(project, playlist.name(), Integer.toString(i)));
      }
    }
    return matching;
  }

  /**
   * The playlist's clips in file order. Should the file have changed since the playlist was
   * listed, the playlist is looked up again by project and name.
   */
  @Override
  public List<Clip> clips(Playlist playlist) {
    List<OfflinePlaylist> all = current().playlists();
    try {
      int index = Integer.parseInt(playlist.id());
      if (index >= 0 && index < all.size() && same(all.get(index), playlist)) {
        return all.get(index).clips();
      }
    } catch (NumberFormatException e) {
      // not one of ours: fall back to the lookup by name
    }
    return all.stream().filter(p -> same(p, playlist)).findFirst().map(OfflinePlaylist::clips)
        .orElse(List.of());
  }

  private static boolean same(OfflinePlaylist candidate, Playlist playlist) {
    return candidate.name().equals(playlist.name())
        && candidate.project().filter(playlist.project()::equals).isPresent();
  }

  /** The content for this access: re-parsed when the fingerprint changed. */
  synchronized Content current() {
    Optional<FileFingerprint> now;
    try {
      now = FileFingerprint.of(file);
    } catch (IOException e) {
      now = Optional.empty();
    }
    if (now.equals(seen)) {
      return content;
    }
    seen = now;
    if (now.isEmpty()) {
      LOG.severe(() -> "Offline data file " + file + " is missing; serving the last good content.");
      return content;
    }
    try {
      byte[] bytes = FileBytes.read(file);
      if (bytes.length != now.get().size() || !now.equals(FileFingerprint.of(file))) {
        // rewritten while it was read: the bytes may join two versions; read again next time
        seen = null;
        return content;
      }
      content = parse(Json.readCompact(bytes));
    } catch (IOException | IllegalArgumentException e) {
      LOG.severe(
          () -> "Offline data file " + file + " is malformed (" + e.getClass().getSimpleName()
              + "); serving the last good content.");
    }
    return content;
  }

  /** Parses the file's JSON; anything but an object is malformed. */
  static Content parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the offline data file must hold a JSON object");
    }
    List<String> projects = new ArrayList<>();
    for (JsonNode project : root.path("projects")) {
      ProjectNames.of(project).ifPresent(projects::add);
    }
    List<ObjectNode> versions = new ArrayList<>();
    for (JsonNode version : root.path("versions")) {
      if (version.isObject()) {
        versions.add((ObjectNode) version);
      }
    }
    List<OfflinePlaylist> playlists = new ArrayList<>();
    for (JsonNode playlist : root.path("playlists")) {
      if (!playlist.isObject()) {
        continue;
      }
      List<Clip> clips = new ArrayList<>();
      for (JsonNode clip : playlist.path("clips")) {
        clip(clip).ifPresent(clips::add);
      }
      playlists.add(
          new OfflinePlaylist(
              ProjectNames.of(playlist.get("project")),
              Text.trim(text(playlist.get("name"))),
              List.copyOf(clips)));
    }
    return Content.of(projects, versions, playlists);
  }

  /** A clip of 7.2; none when it is not an object or has no non-blank {@code source_path}. */
  static Optional<Clip> clip(JsonNode clip) {
    if (!clip.isObject() || Text.isBlank(text(clip.get("source_path")))) {
      return Optional.empty();
    }
    JsonNode duration = clip.get("duration_seconds");
    return Optional.of(
        new Clip(
            text(clip.get("shot")),
            text(clip.get("version")),
            text(clip.get("source_path")),
            text(clip.get("frame_range")),
            text(clip.get("user")),
            duration != null && duration.isNumber() ? duration.doubleValue() : null));
  }

  /** A string field: a string as is, a number's JSON text, otherwise {@code ""}. */
  private static String text(JsonNode value) {
    if (value == null) {
      return "";
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    return value.isNumber() ? value.asText() : "";
  }
}
