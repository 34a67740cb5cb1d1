package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.trafalgar.json.HostileNumbers;
import org.junit.jupiter.api.Test;

/** The per-record rules of API.md 9.4.2 and 9.4.3. */
class VersionRecordsTest {

  private static String status(String json) {
    return VersionRecords.status(record(json));
  }

  @Test
  void statusesAreCanonicalised() {
    assertEquals("approved", status("{\"status\": \" APR \"}"));
    assertEquals("approved", status("{\"status\": \"Aprv_client\"}"));
    assertEquals("published", status("{\"status\": \"pub\"}"));
    assertEquals("published", status("{\"status\": \"Final_cut\"}"));
    assertEquals("wip", status("{\"status\": \"WIP\"}"));
    assertEquals("unknown", status("{\"status\": \"   \"}"));
    assertEquals("unknown", status("{\"status\": null}"));
    assertEquals("unknown", status("{}"));
    assertEquals("approved", status("{\"status\": \"approved\"}"));
    assertEquals("in_progress", status("{\"status\": \"In_Progress\"}"));
  }

  @Test
  void episodeComesFromTheFieldElseTheShotPrefix() {
    assertEquals("EP09", VersionRecords.episode(record(
        "{\"episode\": \" EP09 \", \"shot\": \"EP01_SC001_SH0010\"}")));
    assertEquals("EP01", VersionRecords.episode(record(
        "{\"episode\": \"  \", \"shot\": \"EP01_SC001_SH0010\"}")));
    assertEquals("sh010", VersionRecords.episode(record("{\"shot\": \"sh010\"}")));
    assertNull(VersionRecords.episode(record("{\"shot\": \"\"}")));
    assertNull(VersionRecords.episode(record("{}")));
  }

  @Test
  void versionLabels() {
    assertEquals("v007", VersionRecords.versionLabel(record("{\"version\": 7}")));
    assertEquals("v007", VersionRecords.versionLabel(record("{\"version\": 7.0}")));
    assertEquals("v1234", VersionRecords.versionLabel(record("{\"version_number\": 1234}")));
    assertEquals("v010", VersionRecords.versionLabel(record("{\"code\": \" v010 \"}")));
    assertEquals("v002", VersionRecords.versionLabel(
        record("{\"version\": null, \"code\": \"v002\", \"version_number\": 9}")));
    assertEquals("1.5", VersionRecords.versionLabel(record("{\"version\": 1.5}")));
    assertEquals("true", VersionRecords.versionLabel(record("{\"version\": true}")));
    assertNull(VersionRecords.versionLabel(record("{}")));
  }

  @Test
  void users() {
    assertEquals("M. Silva", VersionRecords.user(record("{\"user\": \" M. Silva \"}")));
    assertEquals("A. Kwan", VersionRecords.user(record("{\"user\": {\"name\": \"A. Kwan\"}}")));
    assertNull(VersionRecords.user(record("{\"user\": \"  \"}")));
    assertNull(VersionRecords.user(record("{\"user\": {\"id\": 3}}")));
    assertNull(VersionRecords.user(record("{}")));
  }

  @Test
  void timestampsAreNormalisedOrEchoed() {
    assertEquals("2024-01-01T09:00:00+00:00",
        VersionRecords.timestamp(record("{\"timestamp\": \"2024-01-01T10:00:00+01:00\"}")));
    assertEquals("2024-01-01T00:00:00+00:00",
        VersionRecords.timestamp(record("{\"published_at\": 1704067200}")));
    assertEquals("2024-01-01T10:00:00+00:00", VersionRecords.timestamp(record(
        "{\"timestamp\": null, \"updated_at\": \"2024-01-01T10:00:00Z\","
            + " \"created_at\": \"2020-01-01T00:00:00Z\"}")));
    assertEquals("yesterday", VersionRecords.timestamp(record("{\"created_at\": \"yesterday\"}")));
    assertNull(VersionRecords.instant(record("{\"created_at\": \"yesterday\"}")));
    assertNull(VersionRecords.timestamp(record("{}")));
  }

  @Test
  void projectNamesFollowTheProjectRules() {
    assertEquals("beta", VersionRecords.project(record("{\"project\": {\"name\": \"beta\"}}")));
    assertEquals("alpha", VersionRecords.project(record("{\"project\": \" alpha \"}")));
    assertNull(VersionRecords.project(record("{\"project\": null}")));
  }

  @Test
  void versionNumbersWithHostileExponentsAreNotExpanded() {
    assertEquals("v007", VersionRecords.label(record("{\"n\": 7.0}").get("n")));
    assertEquals("v-012", VersionRecords.label(record("{\"n\": -1.2e1}").get("n")));
    assertEquals("1E-40000000", VersionRecords.label(HostileNumbers.tinyNode()));
    assertEquals("1E+40000000", VersionRecords.label(HostileNumbers.hugeNode()));
    assertEquals("1E-40000000", VersionRecords.label(record("{\"n\": 1e-40000000}").get("n")));
    // a hostile timestamp is epoch seconds like any other
    assertEquals("1970-01-01T00:00:00+00:00", VersionRecords.timestamp(record(
        "{\"timestamp\": 1e-40000000}")));
  }
}
