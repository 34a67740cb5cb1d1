package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.fuzz.Budget;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fuzzes the ingest registry reader (API.md 6.4, 6.5) with arbitrary file content: the record
 * scanner ({@link RegistryScanner}) and Jackson's tokeniser judge every document alike (both
 * reject it with an {@link IOException}, or both find the same runs); a parse that reuses the
 * previous parse's runs equals a fresh one; the runs served are well formed (unique non-empty ids,
 * the 6.2 payload, 2.6 timestamps); and nothing takes longer than the fuzz budget. Inputs: {@code
 * RegistryParserFuzzTestInputs/parse/} (docs/testing.md).
 */
class RegistryParserFuzzTest {
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00");
  private static final List<String> PAYLOAD_KEYS =
      List.of("id", "started_at", "completed_at", "status", "report");
  private static final List<String> REPORT_KEYS =
      List.of("processed", "invalid", "processed_count", "invalid_count");

  @FuzzTest
  void parse(byte[] input) {
    Budget.run(input, () -> check(input));
  }

  private static void check(byte[] content) {
    Object scanned = outcome(() -> RegistryParser.parse(content, Map.of()));
    Object tokenised = outcome(() -> RegistryParser.tokenised(content, Map.of()));
    if (scanned instanceof StreamConstraintsException
        || tokenised instanceof StreamConstraintsException) {
      // a nesting or number-length limit counts from the document's root on one path and from
      // the record's on the other: the limits exist to stay cheap, not to agree at the edge
      return;
    }
    assertEquals(summary(tokenised), summary(scanned), "scanner and tokeniser disagree");
    if (!(scanned instanceof RegistryParser.Parsed parsed)) {
      return;
    }
    Object again = outcome(() -> RegistryParser.parse(content, parsed.items()));
    assertEquals(summary(scanned), summary(again), "a parse reusing the previous runs");
    int braces = 0;
    for (byte b : content) {
      braces += b == '{' ? 1 : 0;
    }
    assertTrue(parsed.runs().size() <= braces, "a run per object at most");
    Set<String> ids = new HashSet<>();
    for (IngestRun run : parsed.runs()) {
      assertTrue(!run.id().isEmpty() && ids.add(run.id()), "ids are unique and not empty");
      checkPayload(run);
    }
  }

  private static void checkPayload(IngestRun run) {
    JsonNode payload = run.payload();
    assertEquals(PAYLOAD_KEYS, names(payload));
    assertEquals(run.id(), payload.get("id").textValue());
    for (String key : List.of("started_at", "completed_at")) {
      JsonNode value = payload.get(key);
      assertTrue(value.isNull() || TIMESTAMP.matcher(value.textValue()).matches(),
          key + " " + value);
    }
    assertEquals(payload.get("completed_at").isNull() ? "running" : "completed",
        payload.get("status").textValue());
    JsonNode report = payload.get("report");
    assertEquals(REPORT_KEYS, names(report));
    assertEquals(report.get("processed").size(), report.get("processed_count").intValue());
    assertEquals(report.get("invalid").size(), report.get("invalid_count").intValue());
    assertEquals(run.invalidCount(), report.get("invalid_count").intValue());
    for (JsonNode item : report.get("processed")) {
      assertEquals(List.of("path", "bucket", "key", "media_info"), names(item));
      assertEquals(RegistryParser.MEDIA_INFO_KEYS, names(item.get("media_info")));
    }
    for (JsonNode item : report.get("invalid")) {
      assertEquals(List.of("path", "reason"), names(item));
    }
    assertArrayEquals(RegistryParser.bytes(payload), run.json(), "the served bytes");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A parse, or the IOException it threw; any other exception fails the input. */
  private static Object outcome(IoSupplier parse) {
    try {
      return parse.get();
    } catch (IOException e) {
      return e;
    }
  }

  /** What a client can observe of an outcome: rejected, or the runs' exact bytes in order. */
  private static Object summary(Object outcome) {
    if (outcome instanceof IOException) {
      return "rejected (the last good snapshot is served)";
    }
    return ((RegistryParser.Parsed) outcome).runs().stream()
        .map(run -> new String(run.json(), java.nio.charset.StandardCharsets.UTF_8))
        .toList();
  }

  @FunctionalInterface
  private interface IoSupplier {
    RegistryParser.Parsed get() throws IOException;
  }
}
