package com.trafalgar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline data file of API.md 9.3: parsing, and re-reading when its fingerprint changes. */
class OfflineSourceTest {
  static final String EXAMPLE = """
      {"projects": ["alpha", " beta ", ""],
       "versions": [{"project": "alpha", "shot": "EP01_SC001_SH0010", "version": 1,
                     "status": "apr", "user": "M. Silva", "timestamp": "2024-01-01T09:00:00Z"},
                    {"project": {"name": "gamma"}, "shot": "EP99_SC100_SH0500", "code": "v010"},
                    {"project": "ALPHA", "shot": "EP01_SC001_SH0020", "code": "v002"},
                    "not a record"],
       "playlists": [{"project": "alpha", "name": "Dailies",
                      "clips": [{"shot": "sh010", "version": "v001",
                                 "source_path": "/mnt/review/sh010_v001.mov",
                                 "frame_range": "1001-1048", "user": "M. Silva",
                                 "duration_seconds": 2.0},
                                {"shot": "sh010", "version": "v002",
                                 "source_path": "/mnt/review/sh010_v002.mov"},
                                {"shot": "sh020", "source_path": "  "},
                                {"shot": "sh030"}]},
                     {"project": "beta", "name": "Finals", "clips": []}]}
      """;

  @TempDir Path dir;

  private Path write(String content, long modifiedSeconds) throws Exception {
    Path file = dir.resolve("offline.json");
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(modifiedSeconds)));
    return file;
  }

  @Test
  void parsesProjectsVersionsAndPlaylists() throws Exception {
    OfflineSource source = new OfflineSource(write(EXAMPLE, 1_000));

    assertEquals(SourceMode.OFFLINE, source.mode());
    assertEquals(List.of("alpha", "beta", "gamma", "ALPHA"), source.listProjects());
    assertEquals(3, source.allVersions().size());
    assertEquals(List.of("EP01_SC001_SH0010", "EP01_SC001_SH0020"),
        source.versions("Alpha").stream().map(v -> v.get("shot").asText()).toList());
    assertEquals(Json.mapper().readTree("{\"name\": \"gamma\"}"),
        source.versions("gamma").get(0).get("project"));

    List<Playlist> playlists = source.playlists("alpha");
    assertEquals(List.of("Dailies"), playlists.stream().map(Playlist::name).toList());
    assertTrue(source.playlists("ALPHA").isEmpty(), "review compares projects exactly");
    assertEquals(List.of(
        new Clip("sh010", "v001", "/mnt/review/sh010_v001.mov", "1001-1048", "M. Silva", 2.0),
        new Clip("sh010", "v002", "/mnt/review/sh010_v002.mov", "", "", null)),
        source.clips(playlists.get(0)));
  }

  @Test
  void anUnreadSourceReadsTheFileOnItsFirstAccess() throws Exception {
    Path file = write(EXAMPLE, 1_000);
    OfflineSource source = new OfflineSource(file, false); // the application's startup
    Files.delete(file); // nothing was read at construction: the first access finds no file
    assertEquals(List.of(), source.listProjects());
    write(EXAMPLE, 1_000);
    assertEquals(3, source.allVersions().size());
  }

  @Test
  void recordsHandedOutAreCopies() throws Exception {
    OfflineSource source = new OfflineSource(write(EXAMPLE, 1_000));
    source.versions("alpha").get(0).put("shot", "changed");
    assertEquals("EP01_SC001_SH0010", source.versions("alpha").get(0).get("shot").asText());
  }

  @Test
  void allVersionsIsOneSharedListWhileTheFileIsUnchanged() throws Exception {
    Path file = write(EXAMPLE, 1_000);
    OfflineSource source = new OfflineSource(file);
    List<?> first = source.allVersions();
    assertSame(first, source.allVersions(), "the dashboard memoises on this identity");

    write("{\"versions\": [{\"project\": \"delta\", \"shot\": \"s\"}]}", 2_000);
    List<?> rewritten = source.allVersions();
    assertNotSame(first, rewritten);
    assertEquals(1, rewritten.size());
  }

  @Test
  void aChangedFileIsVisibleToTheNextAccess() throws Exception {
    Path file = write(EXAMPLE, 1_000);
    OfflineSource source = new OfflineSource(file);
    assertEquals(1, source.playlists("alpha").size());

    write("{\"projects\": [\"delta\"], \"playlists\": []}", 2_000);
    assertEquals(List.of("delta"), source.listProjects());
    assertTrue(source.playlists("alpha").isEmpty());
  }

  @Test
  void aMalformedOrMissingFileKeepsTheLastGoodContent() throws Exception {
    Path file = write(EXAMPLE, 1_000);
    OfflineSource source = new OfflineSource(file);

    write("{\"projects\": [", 2_000);
    assertEquals(List.of("alpha", "beta", "gamma", "ALPHA"), source.listProjects());
    write("[\"an array is not the file's shape\"]", 3_000);
    assertEquals(List.of("alpha", "beta", "gamma", "ALPHA"), source.listProjects());
    Files.delete(file);
    assertEquals(List.of("alpha", "beta", "gamma", "ALPHA"), source.listProjects());

    write("{\"projects\": [\"back\"]}", 4_000);
    assertEquals(List.of("back"), source.listProjects());
  }

  @Test
  void aFileMissingAtStartupServesNothingUntilItAppears() throws Exception {
    OfflineSource source = new OfflineSource(dir.resolve("offline.json"));
    assertTrue(source.listProjects().isEmpty());
    assertTrue(source.playlists("alpha").isEmpty());

    write(EXAMPLE, 1_000);
    assertEquals(1, source.playlists("alpha").size());
  }

  @Test
  void clipsAreFoundAgainByNameWhenTheFileMovedThem() throws Exception {
    Path file = write(EXAMPLE, 1_000);
    OfflineSource source = new OfflineSource(file);
    Playlist dailies = source.playlists("alpha").get(0);

    write("""
        {"playlists": [{"project": "x", "name": "Other", "clips": []},
                       {"project": "alpha", "name": "Dailies",
                        "clips": [{"shot": "sh099", "source_path": "/m.mov",
                                   "duration_seconds": "2"}]}]}""", 2_000);
    assertEquals(List.of(new Clip("sh099", "", "/m.mov", "", "", null)), source.clips(dailies));
  }
}
