package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ApiException;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.storage.FileBytes;
import com.trafalgar.storage.FileFingerprint;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Deliveries of API.md 9.8: {@code <root>/<project>/<delivery_id>/manifest.json}, listed newest
 * first, with an LRU of parsed manifests validated by each manifest's fingerprint. Callers always
 * receive copies.
 */
public final class Deliveries {
  private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());
  /** Manifests kept in memory (9.8). */
  public static final int MANIFEST_CAPACITY = 32;

  /** One parsed manifest. */
  private record Manifest(
      FileFingerprint fingerprint, String name, String archive, String createdAt,
      ArrayNode files) {}

  private final Path root;
  private final Clock clock;
  private final int capacity;
  private final LinkedHashMap<String, Manifest> manifests = new LinkedHashMap<>(16, 0.75f, true);
  private long evictions;
  private Instant lastRefreshAt;

  /** @param root the deliveries root; {@code null} when none is configured */
  public Deliveries(Path root, Clock clock, int capacity) {
    this.root = root;
    this.clock = clock;
    this.capacity = capacity;
  }

  /** Whether {@code project} may name a directory: not {@code .}, {@code ..}, no separators. */
  public static boolean safeProject(String project) {
    return project != null && !project.isEmpty() && !project.equals(".")
        && !project.equals("..") && project.indexOf('/') < 0 && project.indexOf('\\') < 0
        && project.indexOf('\0') < 0;
  }

  /**
   * The entries of {@code project} (4.10), newest first; {@code manifest_api} is added by the
   * caller when the request carries the dashboard token.
   */
  public List<ObjectNode> list(String project) {
    if (root == null || !safeProject(project)) {
      return List.of();
    }
    Path directory = root.resolve(project);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<ObjectNode> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        String deliveryId = child.getFileName().toString();
        if (deliveryId.startsWith(".") || !Files.isDirectory(child)) {
          continue;
        }
        manifest(project, deliveryId).ifPresent(m -> entries.add(entry(project, deliveryId, m)));
      }
    } catch (IOException e) {
      LOG.warning(() -> "Could not list deliveries of " + directory + ": " + e.getMessage());
      return List.of();
    }
    entries.sort(ORDER);
    return entries;
  }

  /**
   * The manifest files of the delivery of {@code project} whose {@code delivery_id} or {@code
   * manifest} value equals {@code delivery} (4.11).
   */
  public Optional<ArrayNode> files(String project, String delivery) {
    for (ObjectNode entry : list(project)) {
      if (delivery.equals(entry.get("delivery_id").asText())
          || delivery.equals(entry.get("manifest").asText())) {
        String deliveryId = entry.get("delivery_id").asText();
        return manifest(project, deliveryId).map(m -> m.files().deepCopy());
      }
    }
    return Optional.empty();
  }

  /**
   * The answer of {@code GET /deliveries/{project}} (4.10), in every mode: the entries, each with
   * {@code manifest_api} when the request carries the dashboard token.
   */
  static List<ObjectNode> answer(String project, List<ObjectNode> entries, boolean withLinks) {
    if (withLinks) {
      for (ObjectNode entry : entries) {
        entry.put("manifest_api", "/deliveries/" + DashboardPage.percent(project) + "/"
            + DashboardPage.percent(entry.get("delivery_id").asText()));
      }
    }
    return entries;
  }

  /** The answer of {@code GET /deliveries/{project}/{delivery}} (4.11), or its 404. */
  static ObjectNode manifestAnswer(Optional<ArrayNode> files) {
    ObjectNode body = Json.object();
    body.set("files", files.orElseThrow(() -> ApiException.detail(404, "Delivery not found")));
    return body;
  }

  /** {@code created_at} descending, unparsable last; ties by {@code delivery_id} ascending. */
  static final Comparator<ObjectNode> ORDER =
      Comparator.<ObjectNode, Instant>comparing(
              e -> Timestamps.parseIso(e.get("created_at").asText(null)).orElse(null),
              Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(e -> e.get("delivery_id").asText());

  private static ObjectNode entry(String project, String deliveryId, Manifest manifest) {
    ObjectNode entry = Json.object();
    entry.put("project", project);
    entry.put("name", manifest.name() != null ? manifest.name() : deliveryId);
    entry.put("archive", manifest.archive());
    entry.put("manifest", project + "/" + deliveryId + "/manifest.json");
    entry.put("delivery_id", deliveryId);
    entry.put("created_at", manifest.createdAt());
    entry.set("items", manifest.files().deepCopy());
    entry.put("file_count", manifest.files().size());
    return entry;
  }

  private Optional<Manifest> manifest(String project, String deliveryId) {
    Path file = root.resolve(project).resolve(deliveryId).resolve("manifest.json");
    String key = project + "/" + deliveryId;
    Optional<FileFingerprint> fingerprint;
    try {
      fingerprint = FileFingerprint.of(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (fingerprint.isEmpty()) {
      return Optional.empty();
    }
    synchronized (this) {
      Manifest cached = manifests.get(key);
      if (cached != null && cached.fingerprint().equals(fingerprint.get())) {
        return Optional.of(cached);
      }
    }
    Optional<Manifest> parsed = parse(file, fingerprint.get());
    synchronized (this) {
      if (parsed.isEmpty()) {
        manifests.remove(key);
        return parsed;
      }
      manifests.put(key, parsed.get());
      lastRefreshAt = clock.instant();
      Iterator<String> oldest = manifests.keySet().iterator();
      while (manifests.size() > capacity && oldest.hasNext()) {
        oldest.next();
        oldest.remove();
        evictions++;
      }
    }
    return parsed;
  }

  private static Optional<Manifest> parse(Path file, FileFingerprint fingerprint) {
    JsonNode document;
    try {
      document = Json.mapper().readTree(FileBytes.read(file));
    } catch (IOException | NumberFormatException e) {
      // NumberFormatException: a number no BigDecimal can hold (1e-99999999999)
      LOG.warning(() -> "Skipping delivery with an unreadable manifest " + file + ": "
          + e.getClass().getSimpleName());
      return Optional.empty();
    }
    JsonNode files = document != null && document.isObject() ? document.get("files") : document;
    if (files == null || !files.isArray()) {
      LOG.warning(() -> "Skipping delivery with a malformed manifest " + file
          + ": expected an object with a files array, or an array.");
      return Optional.empty();
    }
    ArrayNode kept = Json.mapper().createArrayNode();
    files.forEach(item -> {
      if (item.isObject()) {
        kept.add(item);
      }
    });
    String name = null;
    String archive = null;
    String createdAt = null;
    if (document.isObject()) {
      name = stringOrNull(document.get("name"));
      archive = stringOrNull(document.get("archive"));
      JsonNode created = document.get("created_at");
      if (created != null && !created.isNull()) {
        Optional<Instant> parsed = Timestamps.parseJson(created);
        createdAt = parsed.map(Timestamps::format)
            .orElse(created.isTextual() ? created.textValue() : null);
      }
    }
    if (createdAt == null) {
      createdAt = Timestamps.format(Instant.ofEpochSecond(0, fingerprint.modifiedNanos()));
    }
    return Optional.of(new Manifest(fingerprint, name, archive, createdAt, kept));
  }

  private static String stringOrNull(JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** Empties the manifest LRU ({@code POST /admin/cache}); evictions are kept. */
  public synchronized void flush() {
    manifests.clear();
    lastRefreshAt = null;
  }

  /** The {@code delivery_manifests} bucket (4.4). */
  public synchronized ProjectCache.Stats stats() {
    return new ProjectCache.Stats(manifests.size(), lastRefreshAt, null, evictions);
  }

  /** Cached manifest keys from least to most recently used (tests). */
  synchronized List<String> cachedKeys() {
    return List.copyOf(manifests.keySet());
  }
}
