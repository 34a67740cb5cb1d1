package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.trafalgar.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The record scanner against Jackson's tokeniser: for every document, valid, torn or broken, the
 * fast path must accept exactly what the tokeniser accepts and find the same runs.
 */
class RegistryScannerTest {
  private static final ObjectReader READER =
      Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static final String SAMPLE = """
      {"version": 2, "meta": {"tool": "ingest", "tags": ["a", "b}"]},
       "runs": [
        {"id": "run-1", "started_at": "2024-01-01T00:00:00Z",
         "report": {"processed": [{"path": "/mnt/in/{odd}\\"quoted\\".mov", "bucket": "b",
                                   "key": "k", "media_info": {"show_code": "OP", "episode": "E1",
                                   "scene": "S1", "shot": "SH1", "descriptor": "d",
                                   "extension": "mov"}}],
                    "invalid": [["/mnt/in/x.txt", "not media ]"]]}},
        12, "text", null, [1, {"id": "nested-not-a-run"}],
        {"run_id": 7, "completed_at": "2024-01-02T00:00:00Z"},
        {"id": "caf\\u00e9", "note": "\\\\"},
        {"no": "id"}
       ],
       "trailer": true}
      """;

  /** What the parser's public path gives, or the failure's class. */
  private static Object viaParse(String document) {
    try {
      return ids(RegistryParser.parse(bytes(document), Map.of()));
    } catch (IOException e) {
      return IOException.class;
    }
  }

  private static Object viaTokeniser(String document) {
    try {
      return ids(RegistryParser.tokenised(bytes(document), Map.of()));
    } catch (IOException e) {
      return IOException.class;
    }
  }

  private static List<String> ids(RegistryParser.Parsed parsed) {
    return parsed.runs().stream().map(IngestRun::id).toList();
  }

  private static byte[] bytes(String document) {
    return document.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void findsTheSameRunsAsTheTokeniser() throws IOException {
    assertNotNull(RegistryScanner.records(bytes(SAMPLE), READER), "handled by the scanner");
    assertEquals(List.of("run-1", "7", "café"), viaParse(SAMPLE));
    assertEquals(viaTokeniser(SAMPLE), viaParse(SAMPLE));
  }

  @Test
  void everyTornPrefixIsJudgedAsTheTokeniserJudgesIt() {
    for (int length = 0; length <= SAMPLE.length(); length++) {
      String prefix = SAMPLE.substring(0, length);
      assertEquals(viaTokeniser(prefix), viaParse(prefix), "prefix of " + length + " chars");
    }
  }

  @Test
  void randomByteDamageIsJudgedAsTheTokeniserJudgesIt() {
    Random random = new Random(7);
    String alphabet = "{}[]\",:\\ 0a";
    for (int round = 0; round < 3_000; round++) {
      StringBuilder damaged = new StringBuilder(SAMPLE);
      for (int hit = 0; hit < 1 + random.nextInt(3); hit++) {
        int position = random.nextInt(damaged.length());
        switch (random.nextInt(3)) {
          case 0 -> damaged.deleteCharAt(position);
          case 1 -> damaged.insert(position, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> damaged.setCharAt(position,
              alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String document = damaged.toString();
      assertEquals(viaTokeniser(document), viaParse(document), document);
    }
  }

  @Test
  void shapesOfTheFormat() {
    for (String document : List.of(
        "[]", "{}", " \n[ ] \t", "[{\"id\": \"a\"}, {\"id\": \"b\"}]", "{\"runs\": []}",
        "{\"runs\": [{\"id\": \"a\"}], \"runs\": [{\"id\": \"b\"}]}",
        "{\"runs\": [{\"id\": \"a\"}], \"runs\": {\"runs\": [{\"id\": \"x\"}]}}",
        "{\"runs\": [{\"id\": \"a\"}], \"runs\": 3}", "{\"other\": [{\"id\": \"a\"}]}",
        "\uFEFF[{\"id\": \"bom\"}]", "42", "\"text\"", "null", "", "   ", "[,]", "[{\"id\": 1},]",
        "{\"runs\": [] , }", "{\"runs\" [] }", "[{\"id\": \"a\"}] []", "[{\"id\": \"a\"}] x",
        "[{\"id\": \"a\"}{\"id\": \"b\"}]", "[{\"id\": \"a\",}]", "[{\"id\": \"a\"]}",
        "{\"ru\\u006es\": [{\"id\": \"escaped key\"}]}", "{\"rüns\": [{\"id\": \"x\"}]}",
        "[tru]", "[true, false, null, -1.5e3]", "[01]", "{\"runs\": [\"a\\\"]\"]}",
        "{\"runs\": [{\"id\": \"a\" x}], \"runs\": 3}",
        "{\"runs\": [{\"id\": \"a\"}, {\"id\": 1e2147483648}], \"runs\": []}",
        "{\"\": 3\u0000}", "[1\u0000, {\"id\": \"a\"}]", "{\"runs\": [], \"n\": tru\u00e9}")) {
      assertEquals(viaTokeniser(document), viaParse(document), document);
    }
  }

  @Test
  void keysTheScannerDoesNotDecodeAreLeftToTheTokeniser() throws IOException {
    assertNull(RegistryScanner.records(bytes("{\"ru\\u006es\": []}"), READER));
    assertNull(RegistryScanner.records(bytes("42"), READER));
    assertEquals(List.of("escaped key"),
        viaParse("{\"ru\\u006es\": [{\"id\": \"escaped key\"}]}"));
  }

  @Test
  void anEmptyFileIsMalformed() {
    assertThrows(IOException.class, () -> RegistryScanner.records(bytes(" \n"), READER));
  }
}
