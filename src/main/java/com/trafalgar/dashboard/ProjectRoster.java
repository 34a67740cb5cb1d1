package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.storage.AtomicFiles;
import com.trafalgar.storage.FileBytes;
import com.trafalgar.text.Text;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The project roster of API.md 9.5: the project list kept in {@code dashboard-projects.json},
 * loaded at startup, replaced by each successful ShotGrid sync (and then rewritten atomically),
 * kept as is when a sync fails. Requests read it from memory only.
 */
public final class ProjectRoster {
  private static final Logger LOG = Logger.getLogger(ProjectRoster.class.getName());

  private final Path file;
  private final Clock clock;
  private volatile List<String> names = List.of();
  private volatile Instant lastRefreshAt;
  private volatile String writeProblem;

  public ProjectRoster(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** The roster's names, sorted by code point. */
  public List<String> names() {
    return names;
  }

  /** Last time the roster was filled from the file or a sync; {@code null} if never. */
  public Instant lastRefreshAt() {
    return lastRefreshAt;
  }

  /** Why the last rewrite failed (the roster is then served from memory); {@code null} if fine. */
  public String writeProblem() {
    return writeProblem;
  }

  public Path file() {
    return file;
  }

  /**
   * Reads the file: {@code {"synced_at", "projects"}} or a legacy array; non-string items become
   * their text, blanks are dropped, duplicates merged. A missing file leaves an empty roster; an
   * unreadable or malformed one gives an empty roster with a warning.
   */
  public synchronized void load() {
    List<String> loaded;
    try {
      loaded = parse(Json.mapper().readTree(FileBytes.read(file)));
      lastRefreshAt = clock.instant();
    } catch (NoSuchFileException e) {
      loaded = List.of();
    } catch (IOException | RuntimeException e) {
      LOG.warning(() -> "Could not read the project roster " + file + " ("
          + e.getClass().getSimpleName() + "); starting with an empty roster.");
      loaded = List.of();
    }
    names = loaded;
  }

  /** The names a roster document holds (9.5 read rules); malformed documents throw. */
  static List<String> parse(JsonNode document) {
    JsonNode projects = document != null && document.isObject() ? document.get("projects")
        : document;
    if (projects == null || !projects.isArray()) {
      throw new IllegalArgumentException("expected a projects array");
    }
    TreeSet<String> unique = new TreeSet<>();
    for (JsonNode item : projects) {
      if (item == null || item.isNull()) {
        continue;
      }
      String text = Text.trim(item.isTextual() ? item.textValue() : item.toString());
      if (!text.isEmpty()) {
        unique.add(text);
      }
    }
    return List.copyOf(unique);
  }

  /**
   * Forgets what was loaded and reads the file again ({@code POST /admin/cache}, 4.5): afterwards
   * {@link #lastRefreshAt()} is this read, or {@code null} when the file could not be read.
   */
  public synchronized void reload() {
    names = List.of();
    lastRefreshAt = null;
    load();
  }

  /**
   * A successful sync: the roster becomes {@code synced} (pruning projects gone upstream) and the
   * file is rewritten atomically with {@code synced_at}. When the file cannot be written the new
   * roster is still served from memory and the problem is logged and reported.
   */
  public synchronized void replace(Collection<String> synced) {
    TreeSet<String> unique = new TreeSet<>();
    for (String name : synced) {
      if (!Text.isBlank(name)) {
        unique.add(Text.trim(name));
      }
    }
    Instant now = clock.instant();
    names = List.copyOf(unique);
    lastRefreshAt = now;
    ObjectNode document = Json.object();
    document.put("synced_at", Timestamps.format(now));
    unique.forEach(document.putArray("projects")::add);
    try {
      AtomicFiles.write(file, Json.prettySorted(document));
      writeProblem = null;
    } catch (IOException | RuntimeException e) {
      writeProblem = "Could not write the project roster " + file + " ("
          + e.getClass().getSimpleName() + "); serving the synced roster from memory.";
      LOG.warning(writeProblem);
    }
  }
}
