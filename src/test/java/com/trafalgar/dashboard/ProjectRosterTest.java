package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.trafalgar.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster file rules of API.md 9.5. */
class ProjectRosterTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock("2024-05-20T08:55:00Z");

  private ProjectRoster rosterWith(String content) throws IOException {
    Path file = dir.resolve("dashboard-projects.json");
    Files.writeString(file, content);
    ProjectRoster roster = new ProjectRoster(file, clock);
    roster.load();
    return roster;
  }

  @Test
  void readsTheObjectFormat() throws IOException {
    ProjectRoster roster = rosterWith(
        "{\"synced_at\": \"2024-05-20T08:55:00+00:00\", \"projects\": [\"Signal Noir\","
            + " \"Atlas Rising\"]}");
    assertEquals(List.of("Atlas Rising", "Signal Noir"), roster.names());
    assertEquals(clock.instant(), roster.lastRefreshAt());
  }

  @Test
  void readsALegacyArrayConvertingTrimmingAndMerging() throws IOException {
    ProjectRoster roster = rosterWith("[\" beta \", 42, \"\", \"  \", null, \"beta\", true,"
        + " \"Alpha\"]");
    assertEquals(List.of("42", "Alpha", "beta", "true"), roster.names());
  }

  @Test
  void malformedOrMissingFilesGiveAnEmptyRoster() throws IOException {
    assertEquals(List.of(), rosterWith("{\"projects\": ").names());
    assertEquals(List.of(), rosterWith("{\"projects\": \"alpha\"}").names());
    ProjectRoster missing = new ProjectRoster(dir.resolve("none.json"), clock);
    missing.load();
    assertEquals(List.of(), missing.names());
    assertNull(missing.lastRefreshAt());
  }

  @Test
  void aSyncRewritesTheFileAtomicallyWithSyncedAtCreatingParents() throws IOException {
    Path file = dir.resolve("deep/er/dashboard-projects.json");
    ProjectRoster roster = new ProjectRoster(file, clock);
    roster.replace(List.of("Signal Noir", "Atlas Rising", " ", "Atlas Rising"));
    assertEquals(List.of("Atlas Rising", "Signal Noir"), roster.names());
    String written = Files.readString(file);
    assertEquals("""
        {
          "projects": [
            "Atlas Rising",
            "Signal Noir"
          ],
          "synced_at": "2024-05-20T08:55:00+00:00"
        }
        """, written);
    assertFalse(Files.exists(file.resolveSibling("dashboard-projects.json.tmp")));
    assertNull(roster.writeProblem());

    ProjectRoster reread = new ProjectRoster(file, clock);
    reread.load();
    assertEquals(roster.names(), reread.names());
    assertEquals(json(written).get("projects").size(), 2);
  }

  @Test
  void anUnwritableFileKeepsTheSyncedRosterInMemory() throws IOException {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
    ProjectRoster roster = new ProjectRoster(blocker.resolve("dashboard-projects.json"), clock);
    roster.replace(List.of("alpha"));
    assertEquals(List.of("alpha"), roster.names());
    assertNotNull(roster.writeProblem());
  }

  @Test
  void reloadReadsTheFileAgainAtOnce() throws IOException {
    ProjectRoster roster = rosterWith("[\"alpha\"]");
    roster.replace(List.of("alpha", "synced"));
    Files.writeString(roster.file(), "[\"beta\"]");
    roster.reload();
    assertEquals(List.of("beta"), roster.names());
    assertNotNull(roster.lastRefreshAt());
    Files.delete(roster.file());
    roster.reload();
    assertEquals(List.of(), roster.names());
    assertNull(roster.lastRefreshAt());
  }
}
