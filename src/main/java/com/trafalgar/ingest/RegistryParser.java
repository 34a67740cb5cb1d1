package com.trafalgar.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the bytes of the ingest registry file (API.md 6.4) into runs, in file order. Malformed
 * JSON (a half-written file included) is an {@link IOException}: the caller keeps its last good
 * snapshot. Valid JSON of any other shape is a good, empty registry; records that break a rule are
 * skipped one by one, never failing the whole file.
 */
public final class RegistryParser {
  static final List<String> MEDIA_INFO_KEYS =
      List.of("show_code", "episode", "scene", "shot", "descriptor", "extension");

  /** Strict: trailing content after the document is malformed, as for any JSON parser. */
  private static final ObjectReader READER =
      Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /**
   * Checks the values outside the records, which are never used: numbers stay doubles, so valid
   * JSON such as {@code 1e2147483648} (beyond a BigDecimal's exponent) is not taken for broken.
   */
  private static final ObjectReader VALIDATOR =
      READER.without(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);


  private RegistryParser() {}

  /**
   * The exact bytes of one run record in a registry file, compared and hashed by content: the key
   * under which a parse remembers the run it made of the record.
   */
  public static final class RecordBytes {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] content;
    private final int from;
    private final int to;
    private final int hash;

    RecordBytes(byte[] content, int from, int to) {
      this.content = content;
      this.from = from;
      this.to = to;
      this.hash = hash(content, from, to);
    }

    /** Eight bytes per step: hashing a 5 MB registry byte by byte cost more than tokenising it. */
    private static int hash(byte[] content, int from, int to) {
      long h = to - from;
      int i = from;
      for (; i + Long.BYTES <= to; i += Long.BYTES) {
        h = (h ^ (long) LONGS.get(content, i)) * 0x9E3779B97F4A7C15L;
      }
      for (; i < to; i++) {
        h = (h ^ content[i]) * 0x9E3779B97F4A7C15L;
      }
      return (int) (h ^ (h >>> 32));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof RecordBytes that
          && hash == that.hash
          && Arrays.equals(content, from, to, that.content, that.from, that.to);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * A parsed registry.
   *
   * @param runs the runs with distinct ids, in file order
   * @param items every run record that gave a run, by its bytes: pass it to the next parse so
   *     records that did not change are not converted again
   */
  public record Parsed(List<IngestRun> runs, Map<RecordBytes, IngestRun> items) {
    public static final Parsed EMPTY = new Parsed(List.of(), Map.of());
  }

  /** Parses the registry file's content; throws when it is not one complete JSON document. */
  public static List<IngestRun> parse(byte[] content) throws IOException {
    return parse(content, Map.of()).runs();
  }

  /**
   * Parses the registry file's content, reusing the run of every record whose bytes equal those
   * of a record of {@code previous}. A registry of thousands of runs usually changes a few per
   * rewrite, and the external tool writes unchanged records byte for byte the same: the document
   * is only scanned for its records ({@link RegistryScanner}), and just the changed records are
   * parsed and turned into runs (building and comparing ten thousand trees twenty times a second
   * took more than a core).
   *
   * @throws IOException when the content is not one complete JSON document
   */
  public static Parsed parse(byte[] content, Map<RecordBytes, IngestRun> previous)
      throws IOException {
    List<RecordBytes> scanned = RegistryScanner.records(content, VALIDATOR);
    if (scanned != null) {
      return runs(scanned, previous);
    }
    return tokenised(content, previous);
  }

  /** {@link #parse(byte[], Map)} with Jackson's tokeniser, for the shapes the scanner leaves. */
  static Parsed tokenised(byte[] content, Map<RecordBytes, IngestRun> previous)
      throws IOException {
    try (JsonParser parser = READER.createParser(content)) {
      JsonToken root = parser.nextToken();
      if (root == null) {
        // an empty (e.g. just truncated) file is not a JSON document
        throw new IOException("The registry file is empty.");
      }
      if (parser.currentTokenLocation().getByteOffset() < 0) {
        // Jackson detected UTF-16 or UTF-32 and reads characters: records have no byte range
        throw new IOException("The registry file is not UTF-8.");
      }
      List<RecordBytes> records = null;
      if (root == JsonToken.START_ARRAY) {
        records = records(parser, content);
      } else if (root == JsonToken.START_OBJECT) {
        // as a tree would read it: the last "runs" key wins, and only an array holds runs
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (name.equals("runs") && value == JsonToken.START_ARRAY) {
            records = records(parser, content);
          } else {
            if (name.equals("runs")) {
              records = null;
            }
            parser.skipChildren();
          }
        }
      }
      if (parser.nextToken() != null) {
        throw new IOException("The registry file has content after its JSON document.");
      }
      return records == null ? Parsed.EMPTY : runs(records, previous);
    }
  }

  /** The object records of the array the parser is at, by their bytes; other items are skipped. */
  private static List<RecordBytes> records(JsonParser parser, byte[] content) throws IOException {
    List<RecordBytes> records = new ArrayList<>();
    JsonToken item;
    while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (item == null) {
        throw new IOException("The registry file ends inside its runs.");
      }
      if (item != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      int from = (int) parser.currentTokenLocation().getByteOffset();
      parser.skipChildren();
      int to = (int) parser.currentLocation().getByteOffset();
      records.add(new RecordBytes(content, from, to));
    }
    return records;
  }

  private static Parsed runs(List<RecordBytes> records, Map<RecordBytes, IngestRun> previous)
      throws IOException {
    List<IngestRun> runs = new ArrayList<>(records.size());
    Map<RecordBytes, IngestRun> converted = new HashMap<>(Math.max(16, records.size() * 2));
    Set<String> seen = new HashSet<>();
    // each run's tree lives only until its bytes are written: the run keeps the bytes alone
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    for (RecordBytes record : records) {
      IngestRun run = previous.get(record);
      if (run == null) {
        run = run(record, nodes);
      }
      if (run == null) {
        continue;
      }
      converted.put(record, run);
      if (seen.add(run.id())) {
        runs.add(run);
      }
    }
    return new Parsed(runs, converted);
  }

  /** The run of one record, or {@code null} when the record gives none. */
  private static IngestRun run(RecordBytes record, JsonNodeFactory nodes) throws IOException {
    ObjectNode item;
    try {
      item = (ObjectNode) READER.readTree(record.content, record.from, record.to - record.from);
    } catch (NumberFormatException e) {
      // Jackson decodes a number before it reads on: check the record's syntax as doubles. Valid
      // JSON that it cannot decode (1e2147483648 overflows a BigDecimal's exponent) breaks a rule
      // and is skipped, never failing the whole file (6.4); a malformed record is an IOException.
      VALIDATOR.readTree(record.content, record.from, record.to - record.from);
      return null;
    }
    return run(item, nodes);
  }

  /** One run, or {@code null} when it has no usable id. */
  static IngestRun run(ObjectNode item, JsonNodeFactory nodes) {
    String id = id(item);
    if (id == null || id.isEmpty()) {
      return null;
    }
    Instant startedAt = timestamp(item.get("started_at"));
    Instant completedAt = timestamp(item.get("completed_at"));
    // a report that is not an object counts as empty
    JsonNode report = item.get("report");
    boolean hasReport = report != null && report.isObject();
    ArrayNode processed = processed(hasReport ? report.get("processed") : null, nodes);
    ArrayNode invalid = invalid(hasReport ? report.get("invalid") : null, nodes);

    ObjectNode payload = nodes.objectNode();
    payload.put("id", id);
    payload.put("started_at", Timestamps.format(startedAt));
    payload.put("completed_at", Timestamps.format(completedAt));
    payload.put("status", completedAt != null ? "completed" : "running");
    ObjectNode body = payload.putObject("report");
    body.set("processed", processed);
    body.set("invalid", invalid);
    body.put("processed_count", processed.size());
    body.put("invalid_count", invalid.size());
    return new IngestRun(id, startedAt, completedAt, invalid.size(), bytes(payload));
  }

  /** {@code id} wins over {@code run_id}; a number is used as its JSON text (15). */
  private static String id(ObjectNode item) {
    JsonNode id = item.get("id");
    if (id == null || id.isNull()) {
      id = item.get("run_id");
    }
    if (id == null || !(id.isTextual() || id.isNumber())) {
      return null;
    }
    return id.asText();
  }

  private static Instant timestamp(JsonNode value) {
    return value != null && value.isTextual()
        ? Timestamps.parseIso(value.textValue()).orElse(null)
        : null;
  }

  /** Items with {@code path}, {@code bucket}, {@code key} and a complete {@code media_info}. */
  private static ArrayNode processed(JsonNode items, JsonNodeFactory nodes) {
    ArrayNode out = nodes.arrayNode();
    if (items == null || !items.isArray()) {
      return out;
    }
    for (JsonNode item : items) {
      if (!item.isObject()) {
        continue;
      }
      String path = scalarText(item.get("path"));
      String bucket = scalarText(item.get("bucket"));
      String key = scalarText(item.get("key"));
      JsonNode mediaInfo = item.get("media_info");
      if (isBlank(path) || isBlank(bucket) || isBlank(key)
          || mediaInfo == null || !mediaInfo.isObject()) {
        continue;
      }
      ObjectNode media = nodes.objectNode();
      for (String name : MEDIA_INFO_KEYS) {
        String value = scalarText(mediaInfo.get(name));
        if (value == null) {
          media = null;
          break;
        }
        media.put(name, value);
      }
      if (media == null) {
        continue;
      }
      ObjectNode entry = out.addObject();
      entry.put("path", path);
      entry.put("bucket", bucket);
      entry.put("key", key);
      entry.set("media_info", media);
    }
    return out;
  }

  /** {@code [path, reason]} pairs or {@code {"path", "reason"}} objects. */
  private static ArrayNode invalid(JsonNode items, JsonNodeFactory nodes) {
    ArrayNode out = nodes.arrayNode();
    if (items == null || !items.isArray()) {
      return out;
    }
    for (JsonNode item : items) {
      String path = null;
      String reason = null;
      if (item.isArray() && item.size() == 2) {
        path = scalarText(item.get(0));
        reason = scalarText(item.get(1));
      } else if (item.isObject()) {
        path = scalarText(item.get("path"));
        reason = scalarText(item.get("reason"));
      }
      if (path == null || reason == null) {
        continue;
      }
      ObjectNode entry = out.addObject();
      entry.put("path", path);
      entry.put("reason", reason);
    }
    return out;
  }

  /** A string as is, a number or boolean as its JSON text; {@code null} for anything else. */
  private static String scalarText(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    return null;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isEmpty();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return Json.mapper().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
