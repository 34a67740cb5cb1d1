package com.trafalgar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Show-sized input files, generated deterministically (fixed seed) so every run measures the same
 * data: the offline data file (API.md 9.3), a render job store (5.13.1) and an ingest registry
 * (6.4).
 */
public final class Datasets {
  static final int PROJECTS = 20;
  static final int VERSIONS = 50_000;
  static final int PLAYLISTS_PER_PROJECT = 3;
  static final int CLIPS_PER_PLAYLIST = 10;
  static final int STORED_JOBS = 10_000;
  static final int INGEST_RUNS = 10_000;

  private static final String[] STATUSES = {"apr", "pub", "wip", "rev", "final", "ip", "retake"};
  private static final String[] USERS = {"M. Silva", "A. Kwan", "S. Novak", "T. Laurent",
      "C. Patel", "J. Okafor", "L. Moreau", "R. Iyer"};
  private static final String[] DCCS = {"maya", "nuke", "houdini", "blender", "max"};
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Datasets() {}

  static ObjectMapper mapper() {
    return new ObjectMapper();
  }

  static List<String> projectNames() {
    String[] words = {"Atlas Rising", "Signal Noir", "Copper Tide", "Hollow Crown", "Ember Falls",
        "Paper Moon", "Iron Lantern", "Glass Harbor", "Silent Orbit", "Northern Veil",
        "Salt Road", "Velvet Storm", "Last Meridian", "Cobalt Spire", "Wild Archive",
        "Quiet Engine", "Red Canopy", "Lunar Ferry", "Stone Choir", "Amber Signal"};
    return List.of(words).subList(0, PROJECTS);
  }

  static String projectCode(int project) {
    return String.format(Locale.ROOT, "P%02d", project + 1);
  }

  /** Version {@code index} (0-based) of the show, spread evenly over the projects. */
  static ObjectNode version(int index) {
    Random random = new Random(index * 31L + 7);
    int project = index % PROJECTS;
    int perProject = index / PROJECTS;
    int episode = perProject % 5 + 1;
    int shot = perProject / 5 % 100;
    ObjectNode version = NODES.objectNode();
    version.put("project", projectNames().get(project));
    version.put("shot", String.format(Locale.ROOT, "%sE%02d_SC%03d_SH%04d", projectCode(project),
        episode, shot / 10 + 1, shot * 10 + 10));
    version.put("version", perProject / 500 + 1);
    version.put("status", STATUSES[random.nextInt(STATUSES.length)]);
    version.put("user", USERS[random.nextInt(USERS.length)]);
    version.put("timestamp", ISO.format(Instant.parse("2026-09-01T00:00:00Z")
        .plus(index * 97L, ChronoUnit.SECONDS)));
    return version;
  }

  static ObjectNode clip(int project, int playlist, int clip) {
    ObjectNode node = NODES.objectNode();
    String shot = String.format(Locale.ROOT, "%sE01_SC%03d_SH%04d", projectCode(project),
        playlist + 1, clip * 10 + 10);
    node.put("shot", shot);
    node.put("version", String.format(Locale.ROOT, "v%03d", clip + 1));
    node.put("source_path", "/mnt/review/" + shot + ".mov");
    node.put("frame_range", "1001-1048");
    node.put("user", USERS[clip % USERS.length]);
    node.put("duration_seconds", 2.0);
    return node;
  }

  static Path writeOfflineData(Path file) throws IOException {
    ObjectNode root = NODES.objectNode();
    ArrayNode projects = root.putArray("projects");
    projectNames().forEach(projects::add);
    ArrayNode versions = root.putArray("versions");
    for (int i = 0; i < VERSIONS; i++) {
      versions.add(version(i));
    }
    ArrayNode playlists = root.putArray("playlists");
    for (int p = 0; p < PROJECTS; p++) {
      for (int l = 0; l < PLAYLISTS_PER_PROJECT; l++) {
        ObjectNode playlist = playlists.addObject();
        playlist.put("project", projectNames().get(p));
        playlist.put("name", "Dailies " + (l + 1));
        ArrayNode clips = playlist.putArray("clips");
        for (int c = 0; c < CLIPS_PER_PLAYLIST; c++) {
          clips.add(clip(p, l, c));
        }
      }
    }
    Files.createDirectories(file.getParent());
    mapper().writeValue(file.toFile(), root);
    return file;
  }

  /**
   * A job store of {@code jobs} finished mock jobs (5.13.1 format: sorted keys, 2-space indent,
   * created_at ascending) submitted over the last six days, so retention keeps them all.
   */
  static Path writeJobStore(Path file, int jobs) throws IOException {
    Random random = new Random(11);
    Instant start = Instant.now().minus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    long spacingMillis = ChronoUnit.MILLIS.between(start, Instant.now().minus(1, ChronoUnit.HOURS))
        / jobs;
    ArrayNode array = NODES.arrayNode();
    for (int i = 0; i < jobs; i++) {
      Instant created = start.plusMillis(i * spacingMillis + random.nextInt(1000));
      Instant running = created.plusSeconds(5 + random.nextInt(60));
      Instant completed = running.plusSeconds(60 + random.nextInt(3600));
      String createdText = ISO.format(created);
      String completedText = ISO.format(completed);
      // Keys inserted in sorted order: ObjectNode keeps insertion order.
      ObjectNode job = array.addObject();
      job.put("completed_at", completedText);
      job.put("created_at", createdText);
      job.put("farm", "mock");
      job.put("farm_type", "mock");
      job.put("job_id", String.format(Locale.ROOT, "mock-%016x%016x", random.nextLong(),
          random.nextLong()));
      job.putNull("message");
      ObjectNode request = job.putObject("request");
      request.put("chunk_size", 5);
      request.put("dcc", DCCS[i % DCCS.length]);
      request.put("farm", "mock");
      request.put("frames", "1001-1100");
      request.put("output", "/mnt/renders/show/sh" + (i % 400) + "/v" + (i % 30));
      request.put("priority", 50);
      request.put("scene", "/mnt/projects/show/sh" + (i % 400) + "/scene.ma");
      request.put("user", USERS[i % USERS.length]);
      job.put("status", "completed");
      ArrayNode history = job.putArray("status_history");
      history.addObject().put("status", "submitted").put("timestamp", createdText);
      history.addObject().put("status", "running").put("timestamp", ISO.format(running));
      history.addObject().put("status", "completed").put("timestamp", completedText);
      job.put("updated_at", completedText);
    }
    Files.createDirectories(file.getParent());
    mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), array);
    return file;
  }

  /**
   * Two versions of a 10,000-run registry that differ in the newest run (running in one, completed
   * in the other), so alternating them changes the content as a live ingest tool would.
   */
  public static List<byte[]> ingestRegistryVariants() throws IOException {
    List<byte[]> variants = new ArrayList<>();
    for (int variant = 0; variant < 2; variant++) {
      Random random = new Random(23);
      Instant start = Instant.parse("2026-06-01T00:00:00Z");
      ObjectNode root = NODES.objectNode();
      ArrayNode runs = root.putArray("runs");
      for (int i = 0; i < INGEST_RUNS; i++) {
        Instant started = start.plus(i * 15L, ChronoUnit.MINUTES);
        ObjectNode run = runs.addObject();
        run.put("id", String.format(Locale.ROOT, "run-%05d", i));
        run.put("started_at", ISO.format(started));
        boolean newest = i == INGEST_RUNS - 1;
        if (newest && variant == 0) {
          run.putNull("completed_at");
        } else {
          run.put("completed_at", ISO.format(started.plusSeconds(300 + random.nextInt(600))));
        }
        ObjectNode report = run.putObject("report");
        ArrayNode processed = report.putArray("processed");
        int items = 1 + random.nextInt(2);
        for (int k = 0; k < items; k++) {
          String shot = String.format(Locale.ROOT, "SH%03d", random.nextInt(500));
          ObjectNode item = processed.addObject();
          item.put("path", "/mnt/incoming/op/e001/s001/" + shot + "_final.mov");
          item.put("bucket", "vendor_in");
          item.put("key", "op/e001/s001/" + shot + "_final.mov");
          ObjectNode media = item.putObject("media_info");
          media.put("show_code", "OP");
          media.put("episode", "E001");
          media.put("scene", "S001");
          media.put("shot", shot);
          media.put("descriptor", "final");
          media.put("extension", "mov");
        }
        ArrayNode invalid = report.putArray("invalid");
        if (random.nextInt(10) == 0) {
          invalid.addObject().put("path", "/mnt/incoming/bad_" + i + ".mov")
              .put("reason", "Descriptor must be provided in the filename");
        }
        report.putArray("warnings");
      }
      variants.add(mapper().writeValueAsBytes(root));
    }
    return variants;
  }
}
