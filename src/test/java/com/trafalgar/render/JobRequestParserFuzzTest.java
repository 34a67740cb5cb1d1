package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.fuzz.Budget;
import com.trafalgar.http.RequestBodies;
import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.render.farm.Frames;
import com.trafalgar.text.Text;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzzes the body of {@code POST /render/jobs} from its bytes: the service's JSON reading ({@link
 * RequestBodies#parse}), then the field rules (API.md 5.3.1). Whatever the bytes, the outcome is a JSON syntax error, a
 * validation failure of the contract's shape (field order, one entry per field, the contract's
 * types and messages, nothing missed that is plainly wrong), or a normalised request that parses
 * to itself again; and it comes within the fuzz budget. Inputs: {@code
 * JobRequestParserFuzzTestInputs/parse/} (docs/testing.md).
 */
class JobRequestParserFuzzTest {
  private static final List<String> FARMS = List.of("deadline", "mock", "opencue", "tractor");
  private static final List<String> FIELDS =
      List.of("dcc", "scene", "frames", "output", "farm", "priority", "chunk_size", "user");
  private static final Set<String> STRINGS =
      Set.of("dcc", "scene", "frames", "output", "farm", "user");
  private static final Set<String> REQUIRED = Set.of("dcc", "scene", "output");
  private static final Map<String, Set<String>> TYPES = Map.of(
      "dcc", Set.of("missing", "string_type", "value_error"),
      "scene", Set.of("missing", "string_type", "value_error"),
      "frames", Set.of("string_type", "value_error"),
      "output", Set.of("missing", "string_type", "value_error"),
      "farm", Set.of("string_type", "value_error"),
      "priority", Set.of("int_type", "greater_than_equal"),
      "chunk_size", Set.of("int_type", "greater_than_equal"),
      "user", Set.of("string_type", "value_error"));

  @FuzzTest
  void parse(byte[] input) {
    Budget.run(input, () -> {
      Optional<JsonNode> tree;
      try {
        tree = RequestBodies.parse(input);
      } catch (ValidationException e) {
        assertEquals(List.of(ValidationError.jsonInvalid()), e.errors());
        return;
      }
      if (tree.isPresent() && tree.get().isObject()) {
        check((ObjectNode) tree.get(), input.length);
      } // else 422 missing or object_type
    });
  }

  private static void check(ObjectNode body, int inputLength) {
    JobRequest request;
    try {
      request = JobRequestParser.parse(body, () -> FARMS);
    } catch (ValidationException e) {
      checkErrors(body, e.errors(), inputLength);
      return;
    }
    checkAccepted(body, request);
    assertEquals(request, JobRequestParser.parse(request.toJson(), () -> FARMS),
        "a normalised request parses to itself");
  }

  private static void checkErrors(ObjectNode body, List<ValidationError> errors, int inputLength) {
    assertTrue(!errors.isEmpty(), "a rejection names a field");
    int previous = -1;
    long messages = 0;
    for (ValidationError error : errors) {
      assertEquals(1, error.loc().size(), error.toString());
      String field = error.loc().get(0);
      int index = FIELDS.indexOf(field);
      assertTrue(index > previous, "field order, one entry per field: " + errors);
      previous = index;
      assertTrue(TYPES.get(field).contains(error.type()), error.toString());
      assertEquals(expectedMessage(body, field, error), error.msg());
      messages += error.msg().length();
    }
    // messages echo at most the values sent: bounded by the input
    assertTrue(messages <= 2L * inputLength + 2_000, "message size " + messages);
    for (String field : FIELDS) {
      String plainlyWrong = plainlyWrong(body, field);
      if (plainlyWrong != null) {
        assertTrue(errors.stream().anyMatch(e -> e.loc().equals(List.of(field))
            && e.type().equals(plainlyWrong)),
            field + " should be " + plainlyWrong + ": " + errors);
      }
    }
  }

  /** The error a field must have whatever its value's content, or {@code null}. */
  private static String plainlyWrong(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null) {
      return REQUIRED.contains(field) ? "missing" : null;
    }
    if (value.isNull()) {
      // null means absent for an optional field, and is not a string for a required one (2.3)
      return REQUIRED.contains(field) ? "string_type" : null;
    }
    if (STRINGS.contains(field)) {
      return value.isTextual() ? null : "string_type";
    }
    return value.isNumber() ? null : "int_type";
  }

  private static String expectedMessage(ObjectNode body, String field, ValidationError error) {
    JsonNode value = body.get(field);
    Integer max = JobRequestParser.MAX_LENGTHS.get(field);
    if (error.type().equals("value_error") && value != null && value.isTextual() && max != null
        && value.textValue().codePointCount(0, value.textValue().length()) > max) {
      return JobRequestParser.tooLong(max);
    }
    return switch (error.type()) {
      case "missing" -> "Field required";
      case "string_type" -> "Input should be a valid string";
      case "int_type" -> "Input should be a valid integer";
      case "greater_than_equal" -> "Input should be greater than or equal to "
          + (field.equals("priority") ? "0" : "1");
      default -> switch (field) {
        case "dcc" -> "Unsupported DCC '" + value.textValue()
            + "'. Choose one of: blender, houdini, max, maya, nuke.";
        case "farm" -> "Unknown farm '" + value.textValue() + "'. Choose one of: "
            + String.join(", ", FARMS) + ".";
        case "frames" -> framesMessage(value.textValue());
        default -> "Value cannot be empty.";
      };
    };
  }

  private static String framesMessage(String frames) {
    try {
      Frames.parse(frames);
      return "(frames '" + frames + "' are valid)";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static void checkAccepted(ObjectNode body, JobRequest request) {
    assertTrue(JobRequestParser.DCCS.contains(request.dcc()), request.dcc());
    assertEquals(Text.trim(body.get("scene").textValue()), request.scene());
    assertEquals(Text.trim(body.get("output").textValue()), request.output());
    assertTrue(!request.scene().isEmpty() && !request.output().isEmpty());
    JsonNode frames = body.get("frames");
    String sent = frames == null || frames.isNull() ? Frames.DEFAULT : frames.textValue();
    assertEquals(Frames.parse(sent).value(), request.frames());
    assertTrue(FARMS.contains(request.farm()), request.farm());
    checkInteger(body.get("priority"), request.priority(), BigInteger.ZERO);
    checkInteger(body.get("chunk_size"), request.chunkSize(), BigInteger.ONE);
    JsonNode user = body.get("user");
    if (user == null || user.isNull()) {
      assertEquals(null, request.user());
    } else {
      assertEquals(Text.trim(user.textValue()), request.user());
      assertTrue(!request.user().isEmpty());
    }
  }

  private static void checkInteger(JsonNode sent, BigInteger parsed, BigInteger minimum) {
    if (sent == null || sent.isNull()) {
      assertEquals(null, parsed);
      return;
    }
    assertNotNull(parsed);
    assertTrue(parsed.compareTo(minimum) >= 0, parsed.toString());
    // the integer is the number sent, exactly (50.0 is 50)
    assertEquals(0, sent.decimalValue().compareTo(new java.math.BigDecimal(parsed)),
        sent + " became " + parsed);
  }
}
