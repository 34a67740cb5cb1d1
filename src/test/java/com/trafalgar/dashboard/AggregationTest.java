package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.assertJson;
import static com.trafalgar.dashboard.Records.records;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aggregation rules of API.md 9.4.4–9.4.6. */
class AggregationTest {

  @Test
  void overallCountsDistinctProjectsShotsAndAllVersions() {
    List<JsonNode> alpha = records("""
        [{"project": "alpha", "shot": "EP01_SC001_SH0010"},
         {"project": "alpha", "shot": "EP01_SC001_SH0010"},
         {"project": "Alpha", "shot": "EP01_SC001_SH0010"},
         {"project": "alpha", "shot": ""},
         {"shot": "orphan"}]""");
    List<JsonNode> beta = records("[{\"project\": {\"name\": \"beta\"}, \"shot\": \"sh1\"}]");
    Aggregation.Overall overall = Aggregation.overall(List.of("alpha", "gamma"),
        List.of(alpha, beta));
    // alpha, gamma, Alpha (case-sensitive), beta
    assertEquals(4, overall.projects());
    // (alpha, EP01…), (Alpha, EP01…), (beta, sh1)
    assertEquals(3, overall.shots());
    assertEquals(6, overall.versions());
  }

  @Test
  void overallWithNothingCountsTheKnownProjects() {
    assertEquals(new Aggregation.Overall(2, 0, 0),
        Aggregation.overall(List.of("a", "b"), List.of()));
  }

  @Test
  void matchingIgnoresCase() {
    List<JsonNode> all = records("""
        [{"project": "ALPHA"}, {"project": {"name": "alpha"}}, {"project": "beta"}, {}]""");
    assertEquals(2, Aggregation.matching("AlPhA", all).size());
  }

  @Test
  void projectSummaryFollowsTheContractExample() {
    List<JsonNode> versions = records("""
        [{"project": "alpha", "shot": "EP01_SC001_SH0010", "version": 1, "status": "apr",
          "timestamp": "2024-01-01T09:00:00Z"},
         {"project": "alpha", "shot": "EP01_SC001_SH0010", "version": 2, "status": "pub",
          "timestamp": "2024-01-01T10:00:00Z"},
         {"project": "alpha", "shot": "EP02_SC003_SH0020", "code": "v003", "status": "Final",
          "updated_at": "2024-01-01T11:00:00Z"}]""");
    assertJson("""
        {"project": "AlPhA", "episodes": 2, "shots": 2, "versions": 3, "approved_versions": 1,
         "status_totals": {"approved": 1, "published": 2},
         "latest_published": [
           {"shot": "EP02_SC003_SH0020", "version": "v003", "user": null,
            "timestamp": "2024-01-01T11:00:00+00:00"},
           {"shot": "EP01_SC001_SH0010", "version": "v002", "user": null,
            "timestamp": "2024-01-01T10:00:00+00:00"}]}""",
        Aggregation.projectSummary("AlPhA", versions));
  }

  @Test
  void latestPublishedIsNewestFirstUnknownLastStableAndAtMostFive() {
    List<JsonNode> versions = records("""
        [{"shot": "a", "status": "pub", "timestamp": "garbage"},
         {"shot": "b", "status": "pub", "timestamp": "2024-01-02T00:00:00Z"},
         {"shot": "c", "status": "pub"},
         {"shot": "d", "status": "pub", "timestamp": "2024-01-03T00:00:00Z"},
         {"shot": "e", "status": "pub", "timestamp": "2024-01-02T00:00:00+00:00"},
         {"shot": "f", "status": "pub", "timestamp": 1704067200},
         {"shot": "g", "status": "wip", "timestamp": "2030-01-01T00:00:00Z"}]""");
    JsonNode latest = Aggregation.projectSummary("p", versions).get("latest_published");
    assertEquals(5, latest.size());
    String order = "";
    for (JsonNode entry : latest) {
      order += entry.get("shot").asText();
    }
    assertEquals("dbefa", order);
    assertEquals("garbage", latest.get(4).get("timestamp").asText());
  }

  @Test
  void statusTotalsAreSortedAndEpisodesNeedAValue() {
    JsonNode summary = Aggregation.projectSummary("p", records("""
        [{"status": "wip"}, {"status": "apr", "shot": "x_1"}, {"status": null}]"""));
    assertEquals("{\"approved\":1,\"unknown\":1,\"wip\":1}",
        summary.get("status_totals").toString());
    assertEquals(1, summary.get("episodes").asInt());
    assertEquals(1, summary.get("shots").asInt());
    assertEquals(1, summary.get("approved_versions").asInt());
  }

  @Test
  void episodeBreakdownGroupsSortsAndCollectsUnassigned() {
    List<JsonNode> versions = records("""
        [{"shot": "EP02_SC003_SH0020", "status": "wip"},
         {"shot": "EP01_SC001_SH0010", "status": "apr"},
         {"shot": "EP01_SC001_SH0010", "status": "pub"},
         {"status": "rev"},
         {"episode": "EP01", "shot": "other", "status": "pub"}]""");
    assertJson("""
        {"project": "AlPhA",
         "episodes": [
           {"episode": "EP01", "shots": 2, "versions": 3,
            "status_counts": {"approved": 1, "published": 2}},
           {"episode": "EP02", "shots": 1, "versions": 1, "status_counts": {"wip": 1}},
           {"episode": "unassigned", "shots": 0, "versions": 1, "status_counts": {"rev": 1}}],
         "status_totals": {"approved": 1, "published": 2, "rev": 1, "wip": 1}}""",
        Aggregation.episodes("AlPhA", versions));
  }
}
