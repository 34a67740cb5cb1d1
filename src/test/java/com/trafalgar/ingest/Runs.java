package com.trafalgar.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds registry documents and parsed runs for the ingest unit tests. */
final class Runs {
  private Runs() {}

  /** A run record as the ingest tool writes it; {@code null} timestamps are left out. */
  static String record(String id, String startedAt, String completedAt, int invalid) {
    StringBuilder out = new StringBuilder("{\"id\": \"").append(id).append('"');
    if (startedAt != null) {
      out.append(", \"started_at\": \"").append(startedAt).append('"');
    }
    if (completedAt != null) {
      out.append(", \"completed_at\": \"").append(completedAt).append('"');
    }
    out.append(", \"report\": {\"invalid\": [");
    for (int i = 0; i < invalid; i++) {
      out.append(i > 0 ? ", " : "").append("[\"/bad/").append(i).append("\", \"reason\"]");
    }
    return out.append("]}}").toString();
  }

  static String array(List<String> records) {
    return "[" + String.join(",\n ", records) + "]";
  }

  static RunSnapshot snapshot(String... records) {
    return new RunSnapshot(parse(array(List.of(records))));
  }

  static List<IngestRun> parse(String document) {
    try {
      return RegistryParser.parse(document.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> ids(List<IngestRun> runs) {
    return runs.stream().map(IngestRun::id).toList();
  }
}
