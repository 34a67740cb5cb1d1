package com.trafalgar.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconcile report memo of API.md 9.7 (fingerprint, last good content, empty if missing). */
class MemoisedJsonFileTest {
  @TempDir Path dir;

  @Test
  void reparsesOnlyOnChangeAndKeepsTheLastGoodContent() throws IOException {
    Path report = dir.resolve("report.json");
    MemoisedJsonFile<List<ObjectNode>> memo =
        new MemoisedJsonFile<>(report, Reconciliation::mismatches, List.of());
    assertEquals(List.of(), memo.read());

    Files.writeString(report, "{\"filesystem\": [{\"shot\": \"a\", \"version\": 1}]}");
    List<ObjectNode> first = memo.read();
    assertEquals(1, first.size());
    assertEquals(first, memo.read());
    assertEquals(true, first == memo.read());

    Files.writeString(report, "{\"filesystem\": [");
    Files.setLastModifiedTime(report, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertEquals(first, memo.read());

    Files.writeString(report, "{\"filesystem\": [{\"shot\": \"a\", \"version\": 1},"
        + " {\"shot\": \"b\", \"version\": 2}]}");
    Files.setLastModifiedTime(report, FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
    assertEquals(2, memo.read().size());

    Files.delete(report);
    assertEquals(List.of(), memo.read());
  }
}
