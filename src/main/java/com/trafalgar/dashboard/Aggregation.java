package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The aggregation rules of API.md 9.4.4–9.4.6 over version records: the overall counts of {@code
 * /status}, the project summary and the episode breakdown.
 */
public final class Aggregation {
  /** At most this many entries in {@code latest_published} (9.4.5). */
  public static final int LATEST_PUBLISHED = 5;

  private Aggregation() {}

  /** The overall figures of 9.4.4 ({@code errors} is added by the caller). */
  public record Overall(int projects, int shots, int versions) {}

  /**
   * 9.4.4: {@code projects} = distinct names (case-sensitive) in the known projects and the
   * records' project names; {@code shots} = distinct (project, shot) pairs with both non-empty;
   * {@code versions} = records.
   */
  public static Overall overall(
      Collection<String> knownProjects, List<? extends List<? extends JsonNode>> parts) {
    List<VersionTally> tallies = new ArrayList<>();
    for (List<? extends JsonNode> records : parts) {
      tallies.add(VersionTally.of(records));
    }
    return VersionTally.overall(knownProjects, tallies);
  }

  /** The records whose project name equals {@code project} ignoring case (9.4.1). */
  public static List<JsonNode> matching(String project, Collection<? extends JsonNode> records) {
    List<JsonNode> matched = new ArrayList<>();
    for (JsonNode record : records) {
      String name = VersionRecords.project(record);
      if (name != null && name.equalsIgnoreCase(project)) {
        matched.add(record);
      }
    }
    return matched;
  }

  /** The project summary of 9.4.5 / 4.6; {@code project} is echoed as requested. */
  public static ObjectNode projectSummary(String project, List<? extends JsonNode> records) {
    Set<String> episodes = new HashSet<>();
    Set<String> shots = new HashSet<>();
    Map<String, Integer> totals = new TreeMap<>();
    List<JsonNode> published = new ArrayList<>();
    int approved = 0;
    for (JsonNode record : records) {
      String episode = VersionRecords.episode(record);
      if (episode != null) {
        episodes.add(episode);
      }
      String shot = VersionRecords.shot(record);
      if (shot != null) {
        shots.add(shot);
      }
      String status = VersionRecords.status(record);
      totals.merge(status, 1, Integer::sum);
      if (status.equals("approved")) {
        approved++;
      } else if (status.equals("published")) {
        published.add(record);
      }
    }
    ObjectNode body = Json.object();
    body.put("project", project);
    body.put("episodes", episodes.size());
    body.put("shots", shots.size());
    body.put("versions", records.size());
    body.put("approved_versions", approved);
    body.set("status_totals", counts(totals));
    ArrayNode latest = body.putArray("latest_published");
    for (JsonNode record : latestPublished(published)) {
      ObjectNode entry = latest.addObject();
      entry.put("shot", VersionRecords.shot(record));
      entry.put("version", VersionRecords.versionLabel(record));
      entry.put("user", VersionRecords.user(record));
      entry.put("timestamp", VersionRecords.timestamp(record));
    }
    return body;
  }

  /**
   * Published records by timestamp descending; missing or unparsable timestamps last; input order
   * kept among equals (a stable sort); at most {@link #LATEST_PUBLISHED}.
   */
  static List<JsonNode> latestPublished(List<JsonNode> published) {
    Comparator<Instant> newestFirst = Comparator.nullsLast(Comparator.reverseOrder());
    List<JsonNode> sorted = new ArrayList<>(published);
    sorted.sort(Comparator.comparing(VersionRecords::instant, newestFirst));
    return sorted.subList(0, Math.min(LATEST_PUBLISHED, sorted.size()));
  }

  /** The episode breakdown of 9.4.6 / 4.7. */
  public static ObjectNode episodes(String project, List<? extends JsonNode> records) {
    Map<String, List<JsonNode>> byEpisode = new TreeMap<>();
    Map<String, Integer> totals = new TreeMap<>();
    for (JsonNode record : records) {
      String episode = VersionRecords.episode(record);
      byEpisode.computeIfAbsent(episode == null ? "unassigned" : episode, e -> new ArrayList<>())
          .add(record);
      totals.merge(VersionRecords.status(record), 1, Integer::sum);
    }
    ObjectNode body = Json.object();
    body.put("project", project);
    ArrayNode list = body.putArray("episodes");
    byEpisode.forEach(
        (episode, members) -> {
          Set<String> shots = new TreeSet<>();
          Map<String, Integer> counts = new TreeMap<>();
          for (JsonNode record : members) {
            String shot = VersionRecords.shot(record);
            if (shot != null) {
              shots.add(shot);
            }
            counts.merge(VersionRecords.status(record), 1, Integer::sum);
          }
          ObjectNode entry = list.addObject();
          entry.put("episode", episode);
          entry.put("shots", shots.size());
          entry.put("versions", members.size());
          entry.set("status_counts", counts(counts));
        });
    body.set("status_totals", counts(totals));
    return body;
  }

  private static ObjectNode counts(Map<String, Integer> counts) {
    ObjectNode node = Json.object();
    counts.forEach(node::put);
    return node;
  }
}
