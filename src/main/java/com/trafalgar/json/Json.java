package com.trafalgar.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration of the service. Records and beans are written with snake_case
 * property names ({@code jobId} becomes {@code job_id}); {@code null} values are written, never
 * omitted (API.md 2.1). Timestamps are formatted by {@link Timestamps} and carried as strings, so
 * the mapper never decides a date format.
 */
public final class Json {

  private static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  /** A fresh mapper with the service's settings (for callers that need to customise further). */
  public static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    // Bodies are at most 1 MiB; these bounds keep hostile documents cheap to reject.
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(200).maxNumberLength(1000).build());
    return mapper;
  }

  /** The shared mapper (thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses a document the service keeps in memory for long (the offline data set, ShotGrid's
   * version pages) into a {@link CompactNodes} tree: a fraction of the heap, same behaviour.
   */
  public static JsonNode readCompact(byte[] content) throws IOException {
    CompactNodes nodes = CompactNodes.sharingTexts();
    try {
      return MAPPER.reader().with(nodes).readTree(content);
    } finally {
      nodes.parsed();
    }
  }

  /** {@link #readCompact(byte[])} of a text. */
  public static JsonNode readCompact(String content) throws IOException {
    CompactNodes nodes = CompactNodes.sharingTexts();
    try {
      return MAPPER.reader().with(nodes).readTree(content);
    } finally {
      nodes.parsed();
    }
  }

  /** Node factory for building response documents by hand. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Compact single-line JSON of any value (events, SSE {@code data:} lines). */
  public static String compact(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #compact} as UTF-8 bytes, without the intermediate string (large stream snapshots). */
  public static byte[] compactUtf8(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Converts any value into a JSON tree with the service's naming rules. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * Pretty JSON with 2-space indentation, {@code "key": value} separators and object keys sorted
   * (files on disk: the job store and the project roster). Empty containers are {@code []} and
   * {@code {}}.
   */
  public static byte[] prettySorted(Object value) {
    JsonNode node = value instanceof JsonNode n ? n : tree(value);
    StringBuilder out = new StringBuilder(4096);
    writePretty(node, 0, out);
    out.append('\n');
    return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writePretty(JsonNode node, int depth, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      java.util.List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      out.append("{\n");
      for (int i = 0; i < names.size(); i++) {
        indent(depth + 1, out);
        out.append(compact(names.get(i))).append(": ");
        writePretty(node.get(names.get(i)), depth + 1, out);
        out.append(i + 1 < names.size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(depth + 1, out);
        writePretty(node.get(i), depth + 1, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append(']');
    } else {
      out.append(compact(node));
    }
  }

  private static void indent(int depth, StringBuilder out) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }
}
