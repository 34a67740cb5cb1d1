package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mismatch rules of API.md 9.7 over a reconcile report, and the grouping of {@code
 * /errors/summary} (4.9).
 */
public final class Reconciliation {
  private Reconciliation() {}

  /** The versions of one dataset per shot, and the first path (or key) of each version. */
  private static final class Dataset {
    final Map<String, Set<String>> versions = new TreeMap<>();
    final Map<String, String> firstLocation = new LinkedHashMap<>();

    Set<String> of(String shot) {
      return versions.getOrDefault(shot, Set.of());
    }
  }

  /** The mismatches of a report, in the order of 9.7. A non-object report has none. */
  public static List<ObjectNode> mismatches(JsonNode report) {
    if (report == null || !report.isObject()) {
      return List.of();
    }
    Dataset shotgrid = dataset(report.get("shotgrid"), true, null);
    Dataset filesystem = dataset(report.get("filesystem"), false, "path");
    JsonNode s3Node = report.get("s3");
    boolean s3Checked = s3Node != null && s3Node.isArray();
    Dataset s3 = dataset(s3Node, false, "key");

    Set<String> shots = new TreeSet<>();
    shots.addAll(shotgrid.versions.keySet());
    shots.addAll(filesystem.versions.keySet());
    shots.addAll(s3.versions.keySet());

    List<ObjectNode> out = new ArrayList<>();
    for (String shot : shots) {
      Set<String> sg = shotgrid.of(shot);
      Set<String> fs = filesystem.of(shot);
      Set<String> inS3 = s3.of(shot);
      for (String version : minus(sg, fs)) {
        out.add(missing("missing_in_fs", shot, version));
      }
      if (s3Checked) {
        for (String version : minus(sg, inS3)) {
          out.add(missing("missing_in_s3", shot, version));
        }
      }
      for (String version : minus(fs, sg)) {
        out.add(orphan("orphan_in_fs", shot, version, "path", filesystem, "filesystem"));
      }
      for (String version : minus(inS3, sg)) {
        out.add(orphan("orphan_in_s3", shot, version, "key", s3, "s3"));
      }
      if (!sg.isEmpty() && !fs.isEmpty()) {
        String expected = ((TreeSet<String>) sg).last();
        String found = ((TreeSet<String>) fs).last();
        if (!expected.equals(found)) {
          ObjectNode mismatch = Json.object();
          mismatch.put("type", "version_mismatch");
          mismatch.put("shot", shot);
          mismatch.put("expected", expected);
          mismatch.put("found", found);
          out.add(mismatch);
        }
      }
    }
    return out;
  }

  private static Dataset dataset(JsonNode items, boolean shotgrid, String locationKey) {
    Dataset dataset = new Dataset();
    if (items == null || !items.isArray()) {
      return dataset;
    }
    for (JsonNode item : items) {
      if (!item.isObject()) {
        continue;
      }
      JsonNode shotNode = item.get("shot");
      JsonNode versionNode = item.get("version");
      if (shotgrid && item.hasNonNull("version_number")) {
        versionNode = item.get("version_number");
      }
      String shot = VersionRecords.text(shotNode);
      if (shot == null || versionNode == null || versionNode.isNull()) {
        continue;
      }
      String version = VersionRecords.label(versionNode);
      if (version.isEmpty()) {
        continue;
      }
      shot = shot.toLowerCase(Locale.ROOT);
      version = version.toLowerCase(Locale.ROOT);
      dataset.versions.computeIfAbsent(shot, s -> new TreeSet<>()).add(version);
      if (locationKey != null) {
        String location = VersionRecords.text(item.get(locationKey));
        dataset.firstLocation.putIfAbsent(shot + "\u0000" + version,
            location == null ? "" : location);
      }
    }
    return dataset;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> difference = new TreeSet<>(a);
    difference.removeAll(b);
    return difference;
  }

  private static ObjectNode missing(String type, String shot, String version) {
    ObjectNode mismatch = Json.object();
    mismatch.put("type", type);
    mismatch.put("shot", shot);
    mismatch.put("expected", version);
    mismatch.put("source", "shotgrid");
    return mismatch;
  }

  private static ObjectNode orphan(
      String type, String shot, String version, String locationKey, Dataset dataset,
      String source) {
    ObjectNode mismatch = Json.object();
    mismatch.put("type", type);
    mismatch.put("shot", shot);
    mismatch.put("found", version);
    mismatch.put(locationKey, dataset.firstLocation.getOrDefault(shot + "\u0000" + version, ""));
    mismatch.put("source", source);
    return mismatch;
  }

  /**
   * {@code /errors/summary} (4.9): groups by {@code (type, path)} where {@code path} is the
   * mismatch's {@code path}, else its {@code key}, else {@code ""}; sorted by type then path.
   */
  public static List<ObjectNode> summary(List<? extends JsonNode> mismatches) {
    Map<List<String>, List<JsonNode>> groups =
        new TreeMap<>((a, b) -> {
          int byType = a.get(0).compareTo(b.get(0));
          return byType != 0 ? byType : a.get(1).compareTo(b.get(1));
        });
    for (JsonNode mismatch : mismatches) {
      String type = textOr(mismatch.get("type"), "");
      String path = textOr(mismatch.get("path"), textOr(mismatch.get("key"), ""));
      groups.computeIfAbsent(List.of(type, path), k -> new ArrayList<>()).add(mismatch);
    }
    List<ObjectNode> out = new ArrayList<>();
    groups.forEach((key, members) -> {
      Set<String> shots = new TreeSet<>();
      for (JsonNode member : members) {
        JsonNode shot = member.get("shot");
        if (shot != null && shot.isTextual() && !shot.textValue().isEmpty()) {
          shots.add(shot.textValue());
        }
      }
      ObjectNode group = Json.object();
      group.put("type", key.get(0));
      group.put("path", key.get(1));
      group.put("count", members.size());
      shots.forEach(group.putArray("shots")::add);
      if (shots.isEmpty()) {
        group.putArray("shots");
      }
      out.add(group);
    });
    return out;
  }

  private static String textOr(JsonNode value, String fallback) {
    return value != null && value.isTextual() ? value.textValue() : fallback;
  }
}
