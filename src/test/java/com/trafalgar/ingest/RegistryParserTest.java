package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryParserTest {
  static final String MEDIA = """
      {"show_code": "OP", "episode": "E001", "scene": "S001", "shot": "SH001",
       "descriptor": "final", "extension": "mov"}""";

  static List<IngestRun> parse(String json) throws IOException {
    return RegistryParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A plain tree (ints as int nodes), so payloads compare with expected documents. */
  static JsonNode tree(String json) throws IOException {
    return PLAIN.readTree(json);
  }

  static JsonNode tree(IngestRun run) throws IOException {
    return PLAIN.readTree(run.json());
  }

  static final ObjectMapper PLAIN = new ObjectMapper();

  static List<String> ids(List<IngestRun> runs) {
    return runs.stream().map(IngestRun::id).toList();
  }

  @Test
  void arrayFormatGivesTheContractPayload() throws IOException {
    List<IngestRun> runs = parse("""
        [{"id": "abc123", "started_at": "2024-01-01T12:30:00Z",
          "completed_at": "2024-01-01T13:45:00+01:00",
          "report": {"processed": [{"path": "/mnt/incoming/show/episode/scene/shot.mov",
                                    "bucket": "vendor_in", "key": "show/episode/scene/shot.mov",
                                    "media_info": %s}],
                     "invalid": [["/mnt/incoming/invalid_file.mov",
                                  "Descriptor must be provided in the filename"]],
                     "warnings": ["not exposed"]}}]
        """.formatted(MEDIA));
    assertEquals(1, runs.size());
    JsonNode expected = tree("""
        {"id": "abc123", "started_at": "2024-01-01T12:30:00+00:00",
         "completed_at": "2024-01-01T12:45:00+00:00", "status": "completed",
         "report": {"processed": [{"path": "/mnt/incoming/show/episode/scene/shot.mov",
                                   "bucket": "vendor_in", "key": "show/episode/scene/shot.mov",
                                   "media_info": %s}],
                    "invalid": [{"path": "/mnt/incoming/invalid_file.mov",
                                 "reason": "Descriptor must be provided in the filename"}],
                    "processed_count": 1, "invalid_count": 1}}
        """.formatted(MEDIA));
    assertEquals(expected, tree(runs.get(0)));
    assertEquals(expected, tree(runs.get(0).payload().toString()));
    // key order of 6.2
    assertEquals("{\"id\":\"abc123\",\"started_at\"",
        new String(runs.get(0).json(), StandardCharsets.UTF_8).substring(0, 27));
    assertEquals(1, runs.get(0).invalidCount());
  }

  @Test
  void runsObjectFormat() throws IOException {
    assertEquals(List.of("a", "b"), ids(parse("{\"runs\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}")));
  }

  @Test
  void otherValidJsonIsAGoodEmptyRegistry() throws IOException {
    assertEquals(List.of(), parse("{\"items\": [{\"id\": \"a\"}]}"));
    assertEquals(List.of(), parse("{\"runs\": {\"id\": \"a\"}}"));
    assertEquals(List.of(), parse("42"));
    assertEquals(List.of(), parse("\"text\""));
    assertEquals(List.of(), parse("null"));
    assertEquals(List.of(), parse("[]"));
  }

  @Test
  void malformedOrPartialDocumentsFail() {
    String complete = "[{\"id\": \"a\", \"started_at\": \"2024-01-01T00:00:00Z\"}]";
    for (int cut = 0; cut < complete.length(); cut++) {
      String prefix = complete.substring(0, cut);
      assertThrows(IOException.class, () -> parse(prefix), prefix);
    }
    assertThrows(IOException.class, () -> parse(complete + " trailing"));
    assertThrows(IOException.class, () -> parse("{not json"));
  }

  @Test
  void recordsWithoutAUsableIdAreSkipped() throws IOException {
    List<IngestRun> runs = parse("""
        [1, "text", null, [], {"started_at": "2024-01-01T00:00:00Z"},
         {"id": ""}, {"id": null, "run_id": "from-run-id"}, {"id": true}, {"id": {"x": 1}},
         {"id": 42}, {"id": 1.5}, {"run_id": "r"}, {"id": "wins", "run_id": "loses"},
         {"id": "dup", "started_at": "2024-01-01T00:00:00Z"}, {"id": "dup"}]
        """);
    assertEquals(List.of("from-run-id", "42", "1.5", "r", "wins", "dup"), ids(runs));
    // a repeated id keeps its first entry
    assertEquals("2024-01-01T00:00:00+00:00", runs.get(5).payload().get("started_at").asText());
  }

  @Test
  void processedItemsNeedEveryField() throws IOException {
    String complete = "{\"path\": \"/p\", \"bucket\": \"b\", \"key\": \"k\", \"media_info\": "
        + MEDIA + "}";
    StringBuilder items = new StringBuilder(complete);
    for (String field : List.of("path", "bucket", "key", "media_info")) {
      items.append(",").append(complete.replace("\"" + field + "\"", "\"other\""));
    }
    for (String key : RegistryParser.MEDIA_INFO_KEYS) {
      items.append(",").append(complete.replace("\"" + key + "\"", "\"other\""));
    }
    items.append(",").append(complete.replace("\"show_code\": \"OP\"", "\"show_code\": null"));
    items.append(",").append(complete.replace("\"path\": \"/p\"", "\"path\": \"\""));
    items.append(",").append(complete.replace(MEDIA, "[]"));
    items.append(",").append("\"not an object\"");
    items.append(",").append(complete.replace("\"show_code\"", "\"extra\": 1, \"show_code\""));
    IngestRun run = parse("[{\"id\": \"a\", \"report\": {\"processed\": [" + items + "]}}]")
        .get(0);
    JsonNode report = run.payload().get("report");
    assertEquals(2, report.get("processed").size(), report.toString());
    assertEquals(2, report.get("processed_count").asInt());
    // extra media_info keys are not exposed
    assertEquals(6, report.get("processed").get(1).get("media_info").size());
  }

  @Test
  void invalidItemsArePairsOrObjects() throws IOException {
    IngestRun run = parse("""
        [{"id": "a", "report": {"invalid": [
           ["/a", "bad"], {"path": "/b", "reason": "worse"}, ["/c"], ["/d", "r", "extra"],
           {"path": "/e"}, {"reason": "r"}, [null, "r"], ["/f", {"x": 1}], "text", 7]}}]
        """).get(0);
    JsonNode invalid = run.payload().get("report").get("invalid");
    assertEquals(tree(
        "[{\"path\": \"/a\", \"reason\": \"bad\"}, {\"path\": \"/b\", \"reason\": \"worse\"}]"),
        tree(invalid.toString()));
    assertEquals(2, run.payload().get("report").get("invalid_count").asInt());
  }

  @Test
  void aReportThatIsNotAnObjectIsEmpty() throws IOException {
    for (String report : List.of("[]", "\"x\"", "null", "{\"processed\": {}, \"invalid\": 3}")) {
      JsonNode payload = tree(parse("[{\"id\": \"a\", \"report\": " + report + "}]").get(0));
      assertEquals(tree(
          "{\"processed\": [], \"invalid\": [], \"processed_count\": 0, \"invalid_count\": 0}"),
          payload.get("report"), report);
    }
    JsonNode noReport = parse("[{\"id\": \"a\"}]").get(0).payload();
    assertEquals(0, noReport.get("report").get("processed_count").asInt());
  }

  @Test
  void timestampsNaiveAwareMissingAndInvalid() throws IOException {
    List<IngestRun> runs = parse("""
        [{"id": "naive", "started_at": "2024-05-18T14:22:00",
          "completed_at": "2024-05-18T15:00:00.123456789"},
         {"id": "aware", "started_at": "2024-05-18T16:22:00+02:00",
          "completed_at": "2024-05-18T14:22:00.5Z"},
         {"id": "missing"},
         {"id": "invalid", "started_at": "yesterday", "completed_at": "2024-13-45T00:00:00Z"},
         {"id": "typed", "started_at": 1716000000, "completed_at": true}]
        """);
    JsonNode naive = runs.get(0).payload();
    assertEquals("2024-05-18T14:22:00+00:00", naive.get("started_at").asText());
    assertEquals("2024-05-18T15:00:00.123456+00:00", naive.get("completed_at").asText());
    assertEquals("completed", naive.get("status").asText());
    JsonNode aware = runs.get(1).payload();
    assertEquals("2024-05-18T14:22:00+00:00", aware.get("started_at").asText());
    assertEquals("2024-05-18T14:22:00.500000+00:00", aware.get("completed_at").asText());
    for (IngestRun run : runs.subList(2, 5)) {
      assertNull(run.startedAt(), run.id());
      assertEquals("running", run.status(), run.id());
      assertEquals(true, run.payload().get("started_at").isNull(), run.id());
      assertEquals(true, run.payload().get("completed_at").isNull(), run.id());
      assertEquals("running", run.payload().get("status").asText(), run.id());
    }
  }

  @Test
  void unchangedRecordsReuseTheirRunFromThePreviousParse() throws IOException {
    RegistryParser.Parsed first = RegistryParser.parse(
        "[{\"id\": \"same\", \"started_at\": \"2024-01-01T00:00:00Z\"}, {\"id\": \"changes\"}]"
            .getBytes(StandardCharsets.UTF_8), Map.of());
    RegistryParser.Parsed second = RegistryParser.parse(
        "{\"runs\": [{\"id\": \"changes\", \"completed_at\": \"2024-01-01T00:00:00Z\"},"
            .concat("\n  {\"id\": \"same\", \"started_at\": \"2024-01-01T00:00:00Z\"}]}")
            .getBytes(StandardCharsets.UTF_8), first.items());
    assertEquals(List.of("changes", "same"), ids(second.runs()));
    assertSame(first.runs().get(0), second.runs().get(1));
    assertEquals("completed", second.runs().get(0).status());

    // the same record written differently is converted again, to an equal run
    RegistryParser.Parsed third = RegistryParser.parse(
        "[{\"started_at\": \"2024-01-01T00:00:00Z\", \"id\": \"same\"}]"
            .getBytes(StandardCharsets.UTF_8), second.items());
    assertNotSame(first.runs().get(0), third.runs().get(0));
    assertEquals(first.runs().get(0).payload(), third.runs().get(0).payload());
  }

  @Test
  void onlyTheLastRunsKeyCountsAndOnlyWhenItIsAnArray() throws IOException {
    assertEquals(List.of("b"),
        ids(parse("{\"runs\": [{\"id\": \"a\"}], \"runs\": [{\"id\": \"b\"}]}")));
    assertEquals(List.of(), ids(parse(
        "{\"runs\": [{\"id\": \"a\"}], \"runs\": {\"id\": \"x\", \"runs\": [{\"id\": \"y\"}]}}")));
    assertEquals(List.of("c"), ids(parse(
        "{\"other\": {\"runs\": [{\"id\": \"x\"}]}, \"runs\": [1, [], {\"id\": \"c\"}]}")));
  }

  @Test
  void truncatedOrTrailingContentIsMalformed() {
    for (String broken : List.of("", "{\"runs\": [{\"id\": \"a\"}", "[{\"id\": \"a\"}] []",
        "{\"runs\": []} x", "[{\"id\": \"a\",}]")) {
      assertThrows(IOException.class, () -> parse(broken), broken);
    }
  }
}
