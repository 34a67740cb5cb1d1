package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.trafalgar.json.Json;
import com.trafalgar.storage.AtomicFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSnapshotFileTest {
  static final Instant NOW = Instant.parse("2024-05-12T14:30:45.123456Z");
  static final String REQUEST = "{\"chunk_size\": 5, \"dcc\": \"maya\", \"farm\": \"mock\","
      + " \"frames\": \"1-10\", \"output\": \"/out\", \"priority\": 50, \"scene\": \"/s.ma\","
      + " \"user\": null}";

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(NOW);

  JobSnapshotFile store(Duration retention) {
    return new JobSnapshotFile(dir.resolve("jobs.json"), Optional.ofNullable(retention), clock);
  }

  static String record(String id, String createdAt) {
    return "{\"job_id\": \"" + id + "\", \"farm\": \"mock\", \"farm_type\": \"mock\","
        + " \"status\": \"running\", \"message\": null, \"created_at\": \"" + createdAt + "\","
        + " \"updated_at\": \"" + createdAt + "\", \"completed_at\": null,"
        + " \"status_history\": [{\"status\": \"running\", \"timestamp\": \"" + createdAt
        + "\"}], \"request\": " + REQUEST + "}";
  }

  void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content);
  }

  List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static RenderJob job(String id, Instant createdAt) {
    JobRequest request = new JobRequest("maya", "/s.ma", "1-10", "/out", "mock",
        BigInteger.valueOf(50), BigInteger.valueOf(5), null);
    return RenderJob.created(id, "mock", "mock", "submitted", null, request, createdAt, 1);
  }

  @Test
  void missingFileIsAnEmptyHistory() {
    JobSnapshotFile store = store(null);
    JobSnapshotFile.Loaded loaded = store.load();
    assertTrue(loaded.jobs().isEmpty());
    assertFalse(loaded.mustRewrite());
    assertEquals(NOW, store.stats().lastLoadAt());
    assertNull(store.stats().lastSaveAt());
    assertNull(store.stats().retentionSeconds());
  }

  @Test
  void leftoverTmpIsDeletedAndRecordsLoadInCreatedOrder() throws IOException {
    write("jobs.json.tmp", "partial");
    write("jobs.json", "[" + record("b", "2024-05-12T10:00:00Z") + ","
        + record("a", "2024-05-12T09:00:00+02:00") + "]");
    JobSnapshotFile.Loaded loaded = store(null).load();
    assertEquals(List.of("a", "b"), loaded.jobs().stream().map(RenderJob::jobId).toList());
    assertEquals(List.of("jobs.json"), files());
    assertFalse(loaded.mustRewrite());
  }

  @Test
  void bakIsLoadedWhenTheFileIsMissing() throws IOException {
    write("jobs.json.bak", "[" + record("a", "2024-05-12T10:00:00Z") + "]");
    JobSnapshotFile.Loaded loaded = store(null).load();
    assertEquals(1, loaded.jobs().size());
    assertTrue(loaded.mustRewrite());
  }

  @Test
  void corruptFilesArePreservedAndNeverOverwritten() throws IOException {
    write("jobs.json", "{not json");
    write("jobs.json.corrupt-20240512T143045Z", "older corrupt copy");
    write("jobs.json.bak", "{\"an\": \"object\"}");
    JobSnapshotFile.Loaded loaded = store(null).load();
    assertTrue(loaded.jobs().isEmpty());
    assertEquals(List.of("jobs.json.bak.corrupt-20240512T143045Z",
        "jobs.json.corrupt-20240512T143045Z", "jobs.json.corrupt-20240512T143045Z-2"), files());
    assertEquals("older corrupt copy",
        Files.readString(dir.resolve("jobs.json.corrupt-20240512T143045Z")));
    assertEquals("{not json",
        Files.readString(dir.resolve("jobs.json.corrupt-20240512T143045Z-2")));
  }

  @Test
  void corruptFileFallsBackToBak() throws IOException {
    write("jobs.json", "[1, 2");
    write("jobs.json.bak", "[" + record("a", "2024-05-12T10:00:00Z") + "]");
    JobSnapshotFile.Loaded loaded = store(null).load();
    assertEquals(1, loaded.jobs().size());
    assertTrue(loaded.mustRewrite());
    assertTrue(files().contains("jobs.json.corrupt-20240512T143045Z"));
  }

  @Test
  void badRecordsAreSkipped() throws IOException {
    String good = record("good", "2024-05-12T10:00:00Z");
    write("jobs.json", "[" + String.join(",",
        "42",
        "\"text\"",
        good.replace("\"job_id\": \"good\",", ""),
        record("nofarm", "2024-05-12T10:00:00Z").replace("\"farm\": \"mock\",", ""),
        record("badcreated", "yesterday"),
        record("norequest", "2024-05-12T10:00:00Z").replace(REQUEST, "[1]"),
        record("baddcc", "2024-05-12T10:00:00Z").replace("\"maya\"", "\"cobol\""),
        record("badframes", "2024-05-12T10:00:00Z").replace("\"1-10\"", "\"10-1\""),
        record("retired", "2024-05-12T10:00:00Z").replace("\"farm\": \"mock\"",
            "\"farm\": \"retiredfarm\""),
        good) + "]");
    JobSnapshotFile.Loaded loaded = store(null).load();
    assertEquals(List.of("retired", "good"),
        loaded.jobs().stream().map(RenderJob::jobId).toList());
  }

  @Test
  void timestampsAreRepaired() throws IOException {
    write("jobs.json", "[{\"job_id\": \"j\", \"farm\": \"mock\", \"status\": \"queued\","
        + " \"created_at\": 1715524245.5, \"updated_at\": \"garbage\", \"completed_at\": \"x\","
        + " \"status_history\": [{\"status\": \"queued\", \"timestamp\": \"bad\"}, 7],"
        + " \"request\": " + REQUEST + "}]");
    RenderJob job = store(null).load().jobs().get(0);
    Instant created = Instant.parse("2024-05-12T14:30:45.500Z");
    assertEquals(created, job.createdAt());
    assertEquals(created, job.updatedAt());
    assertNull(job.completedAt());
    assertEquals(List.of(new StatusEntry("queued", created)), job.history());
    assertEquals("mock", job.farmType());
  }

  @Test
  void retentionDropsOldRecordsAtLoad() throws IOException {
    write("jobs.json", "[" + record("old", "2024-05-01T00:00:00Z") + ","
        + record("new", "2024-05-12T14:00:00Z") + "]");
    JobSnapshotFile store = store(Duration.ofHours(168));
    JobSnapshotFile.Loaded loaded = store.load();
    assertEquals(List.of("new"), loaded.jobs().stream().map(RenderJob::jobId).toList());
    assertTrue(loaded.mustRewrite());
    StoreStats stats = store.stats();
    assertEquals(1, stats.lastPrunedCount());
    assertEquals(1, stats.totalPruned());
    assertEquals(NOW, stats.lastPrunedAt());
    assertEquals(1, stats.retainedRecords());
    assertEquals(604800L, stats.retentionSeconds());
  }

  @Test
  void saveWritesTheContractFormatAndRotates() throws IOException {
    JobSnapshotFile store = store(null);
    RenderJob later = job("mock-b", NOW.plusSeconds(5));
    RenderJob earlier = job("mock-a", NOW);
    store.save(List.of(later, earlier));
    assertNull(store.stats().lastRotationAt());
    assertEquals(List.of("jobs.json"), files());
    String text = Files.readString(dir.resolve("jobs.json"));
    ArrayNode expected = Json.mapper().createArrayNode();
    expected.add(earlier.record());
    expected.add(later.record());
    assertEquals(new String(Json.prettySorted(expected), StandardCharsets.UTF_8), text);
    assertTrue(text.startsWith("[\n  {\n    \"completed_at\": null,\n    \"created_at\": "
        + "\"2024-05-12T14:30:45.123456+00:00\",\n"), text);
    JsonNode first = Json.mapper().readTree(text).get(0);
    assertEquals(List.of("completed_at", "created_at", "farm", "farm_type", "job_id", "message",
        "request", "status", "status_history", "updated_at"), fieldNames(first));

    clock.advance(Duration.ofSeconds(1));
    store.save(List.of(earlier));
    assertEquals(NOW.plusSeconds(1), store.stats().lastRotationAt());
    assertNull(store.stats().lastRotationError());
    assertEquals(NOW.plusSeconds(1), store.stats().lastSaveAt());
    assertEquals(1, store.stats().retainedRecords());
    assertEquals(List.of("jobs.json"), files());
  }

  @Test
  void failedRotationIsRecordedAndTheFileKept() throws IOException {
    JobSnapshotFile store = store(null);
    store.save(List.of(job("a", NOW)));
    Files.createDirectories(dir.resolve("jobs.json.bak").resolve("blocker"));
    assertThrowsIo(() -> store.save(List.of(job("b", NOW))));
    assertNotNull(store.stats().lastRotationError());
    assertFalse(Files.exists(dir.resolve("jobs.json.tmp")));
    assertTrue(Files.readString(dir.resolve("jobs.json")).contains("\"a\""));
  }

  interface IoAction {
    void run() throws IOException;
  }

  static void assertThrowsIo(IoAction action) {
    try {
      action.run();
    } catch (IOException expected) {
      return;
    }
    throw new AssertionError("expected an IOException");
  }

  @Test
  void journalIsReplayedOverTheSnapshotAndATornLineIgnored() throws IOException {
    JobSnapshotFile store = store(null);
    RenderJob a = job("a", NOW);
    RenderJob b = job("b", NOW.plusSeconds(1));
    store.save(List.of(a));
    RenderJob aRunning = a.apply(com.trafalgar.render.farm.FarmResult.status("a", "running"),
        NOW.plusSeconds(2)).orElseThrow();
    String journal = new String(JournalFile.putLine(b), StandardCharsets.UTF_8)
        + new String(JournalFile.putLine(aRunning), StandardCharsets.UTF_8)
        + new String(JournalFile.putLine(job("c", NOW.plusSeconds(3))), StandardCharsets.UTF_8)
        + new String(JournalFile.removeLine("c"), StandardCharsets.UTF_8)
        + "{\"op\":\"put\",\"job\":{\"job_id\":\"torn";
    write("jobs.json.journal", journal);
    JobSnapshotFile.Loaded loaded = store(null).load();
    assertEquals(List.of("a", "b"), loaded.jobs().stream().map(RenderJob::jobId).toList());
    assertEquals("running", loaded.jobs().get(0).status());
    assertEquals(2, loaded.jobs().get(0).history().size());
    assertTrue(loaded.mustRewrite());
    // the startup fold deletes the journal: its torn tail is kept aside first
    assertEquals("{\"op\":\"put\",\"job\":{\"job_id\":\"torn",
        Files.readString(dir.resolve("jobs.json.journal.torn-20240512T143045Z")));
    assertTrue(Files.readString(dir.resolve("jobs.json.journal")).endsWith("\n"));
  }

  @Test
  void oldJournalIsReplayedBeforeTheCurrentOne() throws IOException {
    RenderJob a = job("a", NOW);
    RenderJob aDone = a.apply(com.trafalgar.render.farm.FarmResult.status("a", "completed"),
        NOW.plusSeconds(9)).orElseThrow();
    write("jobs.json.journal.old", new String(JournalFile.putLine(a), StandardCharsets.UTF_8));
    write("jobs.json.journal", new String(JournalFile.putLine(aDone), StandardCharsets.UTF_8));
    RenderJob loaded = store(null).load().jobs().get(0);
    assertEquals("completed", loaded.status());
    assertEquals(NOW.plusSeconds(9).truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        loaded.completedAt());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void corruptStampUsesTheClock() throws IOException {
    Path file = dir.resolve("x.json");
    Files.writeString(file, "x");
    assertEquals("x.json.corrupt-20240512T143045Z",
        AtomicFiles.preserveCorrupt(file, clock).getFileName().toString());
  }
}
