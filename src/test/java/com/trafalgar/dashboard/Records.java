package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers for the dashboard tests. */
final class Records {
  private Records() {}

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts JSON equality independent of number node classes (int vs big integer). */
  static void assertJson(String expected, Object actual) {
    try {
      com.fasterxml.jackson.databind.ObjectMapper plain =
          new com.fasterxml.jackson.databind.ObjectMapper();
      org.junit.jupiter.api.Assertions.assertEquals(plain.readTree(expected),
          plain.readTree(Json.mapper().writeValueAsString(actual)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode record(String text) {
    return (ObjectNode) json(text);
  }

  static List<JsonNode> records(String array) {
    List<JsonNode> list = new ArrayList<>();
    json(array).forEach(list::add);
    return list;
  }
}
