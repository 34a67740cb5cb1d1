package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixed demo dataset of API.md section 13, served by every dashboard route when {@code
 * TRAFALGAR_DEMO_MODE=true}. Figures are the contract's, verbatim; callers always get copies.
 */
public final class DemoDataset {
  private static final JsonNode DATA = parse("""
      {"projects": ["Atlas Rising", "Signal Noir"],
       "overall": {"projects": 2, "shots": 199, "versions": 834, "errors": 3},
       "summaries": {
         "Atlas Rising": {"episodes": 3, "shots": 116, "versions": 516, "approved_versions": 176,
           "status_totals": {"approved": 176, "in_progress": 54, "published": 158, "retake": 64,
                             "review": 64},
           "latest_published": [
             {"shot": "AR101_010", "version": "v045", "user": "M. Silva",
              "timestamp": "2024-05-18T14:22:00+00:00"},
             {"shot": "AR102_130", "version": "v051", "user": "A. Kwan",
              "timestamp": "2024-05-17T19:05:00+00:00"},
             {"shot": "AR103_080", "version": "v039", "user": "S. Novak",
              "timestamp": "2024-05-16T08:42:00+00:00"}]},
         "Signal Noir": {"episodes": 2, "shots": 83, "versions": 318, "approved_versions": 90,
           "status_totals": {"approved": 90, "in_progress": 60, "published": 108, "review": 60},
           "latest_published": [
             {"shot": "SN201_220", "version": "v033", "user": "T. Laurent",
              "timestamp": "2024-05-18T05:12:00+00:00"},
             {"shot": "SN202_040", "version": "v027", "user": "C. Patel",
              "timestamp": "2024-05-17T22:18:00+00:00"}]}},
       "episodes": {
         "Atlas Rising": [
           {"episode": "AR101", "shots": 38, "versions": 160,
            "status_counts": {"approved": 54, "in_progress": 54, "published": 52}},
           {"episode": "AR102", "shots": 42, "versions": 182,
            "status_counts": {"approved": 60, "published": 58, "review": 64}},
           {"episode": "AR103", "shots": 36, "versions": 174,
            "status_counts": {"approved": 62, "published": 48, "retake": 64}}],
         "Signal Noir": [
           {"episode": "SN201", "shots": 44, "versions": 168,
            "status_counts": {"approved": 48, "published": 60, "review": 60}},
           {"episode": "SN202", "shots": 39, "versions": 150,
            "status_counts": {"approved": 42, "in_progress": 60, "published": 48}}]},
       "errors": [
         {"type": "filesystem_missing",
          "path": "//render/atlas_rising/AR101_090/v012/beauty.exr", "shot": "AR101_090"},
         {"type": "s3_version_drift",
          "path": "s3://studio-prod/atlas_rising/AR103_020/v010/comp.mov", "shot": "AR103_020"},
         {"type": "metadata_mismatch", "key": "Signal Noir/SN202_040/v018",
          "shot": "SN202_040"}],
       "ingest": {"counts": {"total": 6, "successful": 4, "failed": 1, "running": 1},
                  "last_success_at": "2024-05-20T08:30:00+00:00", "failure_streak": 1},
       "render": {"jobs": 14, "by_status": {"queued": 3, "running": 2, "completed": 9},
                  "by_farm": {"onyx": 6, "ember": 5, "mock": 3}},
       "review": {"totals": {"projects": 2, "playlists": 9, "clips": 84, "shots": 56,
                             "duration_seconds": 22200.0},
                  "projects": [
                    {"project": "Atlas Rising", "playlists": 5, "clips": 48, "shots": 32,
                     "duration_seconds": 12600.0},
                    {"project": "Signal Noir", "playlists": 4, "clips": 36, "shots": 24,
                     "duration_seconds": 9600.0}]},
       "cache": {"ttl_seconds": 900.0, "max_records": 5000, "max_projects": 25},
       "deliveries": {
         "Atlas Rising": [
           {"delivery_id": "atlas-rising-daily-0520", "name": "Atlas Rising – Sequence 101 daily",
            "created_at": "2024-05-20T09:15:00+00:00",
            "files": [
              {"path": "AR101/AR101_090/v012/AR101_090_v012.mov", "size": 734003200,
               "checksum": "b0e1c6d3", "codec": "ProRes 4444"},
              {"path": "AR101/AR101_090/v012/AR101_090_v012.wav", "size": 12582912,
               "checksum": "1a45f0b2", "channels": 6}]},
           {"delivery_id": "atlas-rising-finals-0517", "name": "Atlas Rising finals batch",
            "created_at": "2024-05-17T18:40:00+00:00",
            "files": [
              {"path": "finals/AR103_080/v020/AR103_080_v020.exr", "size": 157286400,
               "checksum": "7cd4a210", "bit_depth": 16}]}],
         "Signal Noir": [
           {"delivery_id": "signal-noir-daily-0519", "name": "Signal Noir nightly",
            "created_at": "2024-05-19T23:05:00+00:00",
            "files": [
              {"path": "SN201/SN201_220/v015/SN201_220_v015.mov", "size": 618659840,
               "checksum": "5f91bb7c", "codec": "DNxHR HQX"}]}]}}
      """);

  private DemoDataset() {}

  /** {@code ["Atlas Rising", "Signal Noir"]}. */
  public static List<String> projects() {
    List<String> names = new ArrayList<>();
    DATA.get("projects").forEach(name -> names.add(name.textValue()));
    return names;
  }

  /** {@code status}'s four figures. */
  public static ObjectNode overall() {
    return copy("overall");
  }

  public static ObjectNode ingest() {
    return copy("ingest");
  }

  public static ObjectNode render() {
    return copy("render");
  }

  public static ObjectNode review() {
    return copy("review");
  }

  /** The cache settings {@code /admin/cache} shows in demo mode. */
  public static ObjectNode cacheSettings() {
    return copy("cache");
  }

  public static List<ObjectNode> errors() {
    List<ObjectNode> errors = new ArrayList<>();
    DATA.get("errors").forEach(error -> errors.add(((ObjectNode) error).deepCopy()));
    return errors;
  }

  /** The project summary (4.6) of a demo project, matched exactly. */
  public static Optional<ObjectNode> summary(String project) {
    JsonNode summary = DATA.get("summaries").get(project);
    if (summary == null) {
      return Optional.empty();
    }
    ObjectNode body = Json.object();
    body.put("project", project);
    body.setAll(((ObjectNode) summary).deepCopy());
    return Optional.of(body);
  }

  /** The episode breakdown (4.7) of a demo project, matched exactly. */
  public static Optional<ObjectNode> episodes(String project) {
    JsonNode episodes = DATA.get("episodes").get(project);
    if (episodes == null) {
      return Optional.empty();
    }
    ObjectNode body = Json.object();
    body.put("project", project);
    body.set("episodes", episodes.deepCopy());
    body.set("status_totals", DATA.get("summaries").get(project).get("status_totals").deepCopy());
    return Optional.of(body);
  }

  /** The delivery entries (4.10) of a demo project, newest first; empty for any other name. */
  public static List<ObjectNode> deliveries(String project) {
    List<ObjectNode> entries = new ArrayList<>();
    JsonNode deliveries = DATA.get("deliveries").get(project);
    if (deliveries == null) {
      return entries;
    }
    for (JsonNode delivery : deliveries) {
      String id = delivery.get("delivery_id").textValue();
      ObjectNode entry = Json.object();
      entry.put("project", project);
      entry.put("name", delivery.get("name").textValue());
      entry.putNull("archive");
      entry.put("manifest", project + "/" + id + "/manifest.json");
      entry.put("delivery_id", id);
      entry.put("created_at", delivery.get("created_at").textValue());
      ArrayNode items = entry.putArray("items");
      for (JsonNode file : delivery.get("files")) {
        ObjectNode item = items.addObject();
        item.set("path", file.get("path"));
        item.set("size", file.get("size"));
        item.set("checksum", file.get("checksum"));
      }
      entry.put("file_count", items.size());
      entries.add(entry);
    }
    return entries;
  }

  /** The manifest files (4.11) of a demo delivery, found by id or manifest path. */
  public static Optional<ArrayNode> files(String project, String delivery) {
    JsonNode deliveries = DATA.get("deliveries").get(project);
    if (deliveries == null) {
      return Optional.empty();
    }
    for (JsonNode candidate : deliveries) {
      String id = candidate.get("delivery_id").textValue();
      if (delivery.equals(id) || delivery.equals(project + "/" + id + "/manifest.json")) {
        return Optional.of((ArrayNode) candidate.get("files").deepCopy());
      }
    }
    return Optional.empty();
  }

  private static ObjectNode copy(String key) {
    return (ObjectNode) DATA.get(key).deepCopy();
  }

  /** Plain Jackson defaults: floats stay doubles so they are written as {@code 22200.0}. */
  private static JsonNode parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
