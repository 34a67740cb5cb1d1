package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one list of version records adds to the overall figures of API.md 9.4.4: its project names
 * (case-sensitive) with the distinct non-empty shots of each, and its record count. Computed once
 * per fetched list (by the background refresh in shotgrid mode), so that {@code /status} and
 * {@code /metrics} combine twenty small tallies instead of walking every record after a refresh.
 *
 * @param shotsByProject project name → its distinct shots (empty when no record names a shot)
 * @param versions the number of records
 */
record VersionTally(Map<String, Set<String>> shotsByProject, int versions) {

  VersionTally {
    shotsByProject = Map.copyOf(shotsByProject);
  }

  /** The tally of {@code records}. */
  static VersionTally of(Collection<? extends JsonNode> records) {
    Map<String, Set<String>> shots = new HashMap<>();
    for (JsonNode record : records) {
      String project = VersionRecords.project(record);
      if (project == null) {
        continue;
      }
      Set<String> ofProject = shots.computeIfAbsent(project, name -> new HashSet<>());
      String shot = VersionRecords.shot(record);
      if (shot != null) {
        ofProject.add(shot);
      }
    }
    shots.replaceAll((project, names) -> Set.copyOf(names));
    return new VersionTally(shots, records.size());
  }

  /**
   * The overall figures over {@code known} and the tallies: projects are the known names and every
   * tally's names, shots the distinct (project, shot) pairs, versions the sum. A project name seen
   * by one tally only (the usual case: each fetch is one project) adds its shot count without any
   * set being merged.
   */
  static Aggregation.Overall overall(Collection<String> known, List<VersionTally> tallies) {
    Map<String, Set<String>> first = new HashMap<>();
    Map<String, Set<String>> merged = new HashMap<>();
    int versions = 0;
    for (VersionTally tally : tallies) {
      versions += tally.versions();
      for (Map.Entry<String, Set<String>> entry : tally.shotsByProject().entrySet()) {
        Set<String> earlier = first.putIfAbsent(entry.getKey(), entry.getValue());
        if (earlier != null) {
          merged.computeIfAbsent(entry.getKey(), name -> new HashSet<>(earlier))
              .addAll(entry.getValue());
        }
      }
    }
    Set<String> projects = new HashSet<>(known);
    projects.addAll(first.keySet());
    int shots = 0;
    for (Map.Entry<String, Set<String>> entry : first.entrySet()) {
      shots += merged.getOrDefault(entry.getKey(), entry.getValue()).size();
    }
    return new Aggregation.Overall(projects.size(), shots, versions);
  }
}
