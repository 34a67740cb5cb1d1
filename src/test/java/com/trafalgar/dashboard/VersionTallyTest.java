package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The overall figures (API.md 9.4.4) combined from per-list tallies equal the figures walked over
 * every record, also when one project name appears in several lists.
 */
class VersionTallyTest {

  @Test
  void aProjectInTwoListsCountsEachShotOnce() {
    List<JsonNode> first = records("""
        [{"project": "alpha", "shot": "sh1"}, {"project": "alpha", "shot": "sh2"},
         {"project": "beta"}]""");
    List<JsonNode> second = records("""
        [{"project": "alpha", "shot": "sh2"}, {"project": "alpha", "shot": "sh3"},
         {"project": "Alpha", "shot": "sh1"}]""");
    Aggregation.Overall overall = VersionTally.overall(List.of("gamma"),
        List.of(VersionTally.of(first), VersionTally.of(second)));
    // gamma, alpha, beta, Alpha; (alpha, sh1..sh3), (Alpha, sh1); six records
    assertEquals(new Aggregation.Overall(4, 4, 6), overall);
  }

  @Test
  void combinedTalliesEqualOneWalkOverEveryRecord() {
    Random random = new Random(15);
    for (int round = 0; round < 200; round++) {
      List<List<JsonNode>> parts = new ArrayList<>();
      for (int part = random.nextInt(5); part > 0; part--) {
        List<JsonNode> records = new ArrayList<>();
        for (int i = random.nextInt(30); i > 0; i--) {
          ObjectNode record = Json.object();
          if (random.nextInt(8) > 0) {
            record.put("project", List.of("a", "A", "b", "c").get(random.nextInt(4)));
          }
          if (random.nextInt(6) > 0) {
            record.put("shot", random.nextInt(3) == 0 ? "" : "sh" + random.nextInt(6));
          }
          records.add(record);
        }
        parts.add(records);
      }
      List<String> known = random.nextBoolean() ? List.of("a", "z") : List.of();
      List<VersionTally> tallies = new ArrayList<>();
      parts.forEach(records -> tallies.add(VersionTally.of(records)));
      assertEquals(walked(known, parts), VersionTally.overall(known, tallies), "round " + round);
    }
  }

  @Test
  void theShotGridLoaderTalliesOnTheFetchThreadAndTheTallyIsKept() {
    List<JsonNode> records = records("[{\"project\": \"alpha\", \"shot\": \"sh1\"}]");
    ProjectVersions fetched = ProjectVersions.tallied(records);
    assertSame(fetched.tally(), fetched.tally());
    assertSame(records, fetched.records());
    assertEquals(ProjectVersions.lazy(records).tally(), fetched.tally());
  }

  /** The rule of 9.4.4 read literally: one pass over every record. */
  private static Aggregation.Overall walked(List<String> known, List<List<JsonNode>> parts) {
    Set<String> projects = new HashSet<>(known);
    Set<List<String>> shots = new HashSet<>();
    int versions = 0;
    for (List<JsonNode> records : parts) {
      for (JsonNode record : records) {
        versions++;
        String project = VersionRecords.project(record);
        if (project != null) {
          projects.add(project);
          String shot = VersionRecords.shot(record);
          if (shot != null) {
            shots.add(List.of(project, shot));
          }
        }
      }
    }
    return new Aggregation.Overall(projects.size(), shots.size(), versions);
  }
}
