package com.trafalgar.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.fuzz.Budget;
import com.trafalgar.json.Json;
import com.trafalgar.text.Text;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes the service credential sources (API.md 3.4) with any text: parsing never throws and
 * stays within the fuzz budget; every source item gives a usable credential or one problem; a
 * usable credential has an id, a key or a token, and trimmed values; problems quote only ids and
 * mapping keys, never a key, secret or token (3.8); and the credentials written back in the
 * canonical array form parse to themselves. Inputs: {@code
 * ServiceCredentialParserFuzzTestInputs/parse/} (docs/testing.md).
 */
class ServiceCredentialParserFuzzTest {
  private static final String SOURCE = "FUZZ_SOURCE";
  private static final Pattern WHOLE = Pattern.compile("Service credentials from " + SOURCE
      + " (are not valid JSON|must be a JSON array or object); ignoring them\\.");
  private static final Pattern ITEM = Pattern.compile("Skipping service credential item \\d+ from "
      + SOURCE + ": (not an object|it has no identifier)\\.");
  private static final Pattern ENTRY = Pattern.compile("Skipping service credential entry '(.*)' "
      + "from " + SOURCE + ": (not an object|it has no identifier)\\.", Pattern.DOTALL);
  private static final Pattern UNUSABLE = Pattern.compile("Skipping service credential '(.*)' "
      + "from " + SOURCE + ": it has neither an api_key nor a bearer_token\\.", Pattern.DOTALL);

  @FuzzTest
  void parse(byte[] input) {
    Budget.run(input, () -> check(new String(input, StandardCharsets.UTF_8)));
  }

  private static void check(String json) {
    ServiceCredentialParser.Result result = ServiceCredentialParser.parse(SOURCE, json);
    JsonNode root = tree(json);
    int items = root != null && (root.isArray() || root.isObject()) ? root.size() : 1;
    assertEquals(items, result.credentials().size() + result.problems().size(),
        "one credential or one problem per item: " + result.problems());
    for (ServiceCredential credential : result.credentials()) {
      usable(credential);
    }
    Set<String> names = names(root);
    for (String problem : result.problems()) {
      String quoted = quoted(problem);
      assertTrue(quoted == null || names.contains(quoted),
          "a problem quotes something other than an id or a mapping key: " + problem);
    }
    ServiceCredentialParser.Result again =
        ServiceCredentialParser.parse(SOURCE, canonical(result.credentials()));
    assertEquals(result.credentials(), again.credentials(), "written back and parsed again");
    assertEquals(List.of(), again.problems());
  }

  private static void usable(ServiceCredential credential) {
    trimmed(credential.identifier());
    assertTrue(credential.apiKey().isPresent() || credential.bearerToken().isPresent());
    for (Optional<String> value : List.of(credential.apiKey(), credential.apiSecret(),
        credential.bearerToken(), credential.description())) {
      value.ifPresent(ServiceCredentialParserFuzzTest::trimmed);
    }
    credential.roles().forEach(ServiceCredentialParserFuzzTest::trimmed);
  }

  private static void trimmed(String value) {
    assertTrue(!value.isEmpty() && value.equals(Text.trim(value)), "'" + value + "'");
  }

  /** The name a problem quotes, {@code null} when it quotes none; fails an unknown message. */
  private static String quoted(String problem) {
    if (WHOLE.matcher(problem).matches() || ITEM.matcher(problem).matches()) {
      return null;
    }
    for (Pattern pattern : List.of(ENTRY, UNUSABLE)) {
      Matcher match = pattern.matcher(problem);
      if (match.matches()) {
        return match.group(1);
      }
    }
    throw new AssertionError("not a known problem message: " + problem);
  }

  /** Mapping keys and the trimmed text of every id alias: what a problem may quote. */
  private static Set<String> names(JsonNode root) {
    Set<String> names = new HashSet<>();
    if (root == null) {
      return names;
    }
    root.fieldNames().forEachRemaining(key -> {
      names.add(key);
      names.add(Text.trim(key));
    });
    for (JsonNode item : root) {
      for (String alias : List.of("identifier", "id", "name")) {
        JsonNode id = item.get(alias);
        if (id != null && id.isTextual()) {
          names.add(Text.trim(id.textValue()));
        }
      }
    }
    return names;
  }

  private static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (Exception e) {
      return null;
    }
  }

  private static String canonical(List<ServiceCredential> credentials) {
    ArrayNode array = Json.mapper().createArrayNode();
    for (ServiceCredential credential : credentials) {
      ObjectNode entry = array.addObject();
      entry.put("identifier", credential.identifier());
      credential.apiKey().ifPresent(value -> entry.put("api_key", value));
      credential.apiSecret().ifPresent(value -> entry.put("api_secret", value));
      credential.bearerToken().ifPresent(value -> entry.put("bearer_token", value));
      credential.description().ifPresent(value -> entry.put("description", value));
      ArrayNode roles = entry.putArray("roles");
      credential.roles().forEach(roles::add);
    }
    return Json.compact(array);
  }
}
