package com.trafalgar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The record mapping of API.md 9.2.4 on hand-written ShotGrid records. */
class ShotGridRecordsTest {

  private static JsonNode record(String json) throws Exception {
    return Json.mapper().readTree(json);
  }

  @Test
  void versionFallsBackToTheRequestedProjectAndKeepsMissingValuesNull() throws Exception {
    JsonNode version = ShotGridRecords.version(record("""
        {"type": "Version", "id": 7, "attributes": {"code": "v010", "sg_status_list": null},
         "relationships": {"entity": {"data": null}, "user": {"data": null}}}"""), "alpha");
    assertEquals(record("""
        {"project": "alpha", "shot": null, "version": "v010", "status": null, "user": null,
         "updated_at": null, "created_at": null}"""), version);
  }

  @Test
  void clipSourceIsTheFirstNonEmptyOfMovieUploadAndFrames() throws Exception {
    Clip uploaded = ShotGridRecords.clip(record("""
        {"attributes": {"code": "v002", "sg_path_to_movie": "",
          "sg_uploaded_movie": {"url": "https://sg/movie.mp4", "local_path": "/mnt/movie.mp4"},
          "sg_path_to_frames": "/mnt/frames.####.exr"},
         "relationships": {"entity": {"data": {"type": "Shot", "id": 1, "name": "sh020"}}}}"""))
        .orElseThrow();
    assertEquals("/mnt/movie.mp4", uploaded.sourcePath());
    assertEquals("sh020", uploaded.shot());

    Clip url = ShotGridRecords.clip(record("""
        {"attributes": {"sg_uploaded_movie": {"url": "https://sg/movie.mp4", "local_path": null}}}
        """)).orElseThrow();
    assertEquals("https://sg/movie.mp4", url.sourcePath());
    assertEquals(new Clip("", "", "https://sg/movie.mp4", "", "", null), url);

    Clip frames = ShotGridRecords.clip(record("""
        {"attributes": {"sg_path_to_movie": "  ", "sg_uploaded_movie": {"url": ""},
          "sg_path_to_frames": "/mnt/frames.####.exr"}}""")).orElseThrow();
    assertEquals("/mnt/frames.####.exr", frames.sourcePath());

    assertEquals(Optional.empty(), ShotGridRecords.clip(record("""
        {"attributes": {"code": "v003", "sg_path_to_movie": null, "sg_uploaded_movie": null}}""")));
  }

  @Test
  void durationNeedsTwoNumbersAndAPositiveRate() throws Exception {
    String template = """
        {"attributes": {"sg_path_to_movie": "/m.mov", "frame_count": %s,
          "sg_uploaded_movie_frame_rate": %s}}""";
    assertEquals(2.5, ShotGridRecords.clip(record(template.formatted("60", "24.0")))
        .orElseThrow().durationSeconds());
    assertNull(ShotGridRecords.clip(record(template.formatted("60", "0"))).orElseThrow()
        .durationSeconds());
    assertNull(ShotGridRecords.clip(record(template.formatted("\"60\"", "24"))).orElseThrow()
        .durationSeconds());
    assertNull(ShotGridRecords.clip(record(template.formatted("null", "24"))).orElseThrow()
        .durationSeconds());
  }

  @Test
  void rosterNamesAreTrimmedAndBlanksDropped() throws Exception {
    assertEquals(Optional.of("alpha"),
        ShotGridRecords.projectName(record("{\"attributes\": {\"name\": \" alpha \"}}")));
    assertTrue(ShotGridRecords.projectName(record("{\"attributes\": {\"name\": \" \"}}"))
        .isEmpty());
    assertTrue(ShotGridRecords.projectName(record("{\"attributes\": {}}")).isEmpty());
  }
}
