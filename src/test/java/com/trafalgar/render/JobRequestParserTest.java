package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.json.HostileNumbers;
import com.trafalgar.json.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The submission body rules of API.md 5.3.1 at their edges: integers exact for ordinary values and
 * decided without expanding hostile exponents, the frame count computed at parse time, and the
 * length bounds of every string (docs/render.md).
 */
class JobRequestParserTest {
  static final Supplier<List<String>> FARMS = () -> List.of("deadline", "mock");

  static ObjectNode body(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode valid() {
    return body("{\"dcc\": \"maya\", \"scene\": \"/s.ma\", \"output\": \"/out\"}");
  }

  static List<ValidationError> errors(ObjectNode body) {
    return assertThrows(ValidationException.class, () -> JobRequestParser.parse(body, FARMS))
        .errors();
  }

  @Test
  void integralNumbersAreIntegersAsTheContractSays() {
    ObjectNode body = valid();
    body.set("priority", body("{\"n\": 5.0}").get("n"));
    body.set("chunk_size", body("{\"n\": 2e1}").get("n"));
    JobRequest request = JobRequestParser.parse(body, FARMS);
    assertEquals(BigInteger.valueOf(5), request.priority());
    assertEquals(BigInteger.valueOf(20), request.chunkSize());
  }

  @Test
  void hostileExponentsAreNotIntegersAndAreNeverExpanded() {
    // the tripwire numbers throw if anything rescales them: no timing involved
    for (JsonNode hostile : List.of(HostileNumbers.tinyNode(), HostileNumbers.negativeTinyNode(),
        HostileNumbers.hugeNode())) {
      ObjectNode body = valid();
      body.set("priority", hostile);
      body.set("chunk_size", hostile);
      assertEquals(List.of(ValidationError.intType(List.of("priority")),
          ValidationError.intType(List.of("chunk_size"))), errors(body), hostile.toString());
    }
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fails, not hangs
  void hostileExponentsInTheTextAreRejectedToo() {
    for (String number : new String[] {"1e-40000000", "-1e-40000000", "1e-4000000",
        "1E+999999999", "0.5e-99999999", "1" + "0".repeat(900) + "e-40000000"}) {
      ObjectNode body = body("{\"dcc\": \"maya\", \"scene\": \"/s\", \"output\": \"/o\","
          + " \"priority\": " + number + "}");
      assertEquals(List.of(ValidationError.intType(List.of("priority"))), errors(body), number);
    }
  }

  @Test
  void framesKeepTheirGrammarAndTheirCountIsComputedOnce() {
    ObjectNode body = valid();
    body.put("frames", "1-99999999999999999999");
    JobRequest request = JobRequestParser.parse(body, FARMS);
    assertEquals("1-99999999999999999999", request.frames());
    assertEquals(new BigInteger("99999999999999999999"), request.frameCount());
    body.put("frames", " 1-5x2, 7 ");
    assertEquals(BigInteger.valueOf(4), JobRequestParser.parse(body, FARMS).frameCount());
    assertEquals(BigInteger.valueOf(100), JobRequestParser.parse(valid(), FARMS).frameCount());
    // the effective values keep the count
    JobRequest effective = request.withEffective(BigInteger.ONE, null);
    assertEquals(request.frameCount(), effective.frameCount());
  }

  @Test
  void everyStringAcceptsItsLimitAndRejectsOneCharacterMore() {
    Map<String, Integer> limits = Map.of("dcc", 256, "scene", 4096, "frames", 16_384,
        "output", 4096, "farm", 256, "user", 256);
    assertEquals(limits, JobRequestParser.MAX_LENGTHS);
    ObjectNode atLimit = valid();
    atLimit.put("scene", "/" + "s".repeat(4095));
    atLimit.put("output", " ".repeat(4000) + "/o" + " ".repeat(94));
    atLimit.put("frames", "1,".repeat(8191) + "10");
    atLimit.put("user", "u".repeat(256));
    atLimit.put("farm", " ".repeat(252) + "mock");
    atLimit.put("dcc", "maya" + " ".repeat(252));
    JobRequest request = JobRequestParser.parse(atLimit, FARMS);
    assertEquals(BigInteger.valueOf(8192), request.frameCount());
    assertEquals("/o", request.output());

    ObjectNode over = body("{}");
    over.put("dcc", "maya" + " ".repeat(253));
    over.put("scene", "/" + "s".repeat(4096));
    over.put("frames", "1,".repeat(8192) + "1");
    over.put("output", "o".repeat(4097));
    over.put("farm", "m".repeat(257));
    over.put("user", "u".repeat(257));
    assertEquals(List.of(
        ValidationError.valueError(List.of("dcc"), "Value must be at most 256 characters long."),
        ValidationError.valueError(List.of("scene"), "Value must be at most 4096 characters long."),
        ValidationError.valueError(List.of("frames"),
            "Value must be at most 16384 characters long."),
        ValidationError.valueError(List.of("output"),
            "Value must be at most 4096 characters long."),
        ValidationError.valueError(List.of("farm"), "Value must be at most 256 characters long."),
        ValidationError.valueError(List.of("user"), "Value must be at most 256 characters long.")),
        errors(over));
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    ObjectNode body = valid();
    String clapper = "\uD83C\uDFAC"; // one character, two UTF-16 units
    body.put("user", clapper.repeat(256));
    assertEquals(clapper.repeat(256), JobRequestParser.parse(body, FARMS).user());
    body.put("user", clapper.repeat(257));
    assertEquals(List.of(ValidationError.valueError(List.of("user"),
        "Value must be at most 256 characters long.")), errors(body));
  }

  @Test
  void storedRequestsAreNotHeldToTheSubmissionBounds() {
    // a job accepted before the bounds existed must still load (API.md 5.13.2)
    ObjectNode stored = valid();
    stored.put("scene", "/" + "s".repeat(10_000));
    stored.put("farm", "retired");
    JobRequest request = JobRequestParser.parse(stored, null);
    assertEquals(10_001, request.scene().length());
    assertNull(request.user());
  }
}
