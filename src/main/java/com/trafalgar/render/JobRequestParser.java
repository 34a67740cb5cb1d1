package com.trafalgar.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.render.farm.Frames;
import com.trafalgar.render.farm.RenderFarmRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The body rules of {@code POST /render/jobs} (API.md 5.3.1): every failure collected in field
 * order, messages verbatim. Also used to check stored requests when the job store loads (5.13.2).
 */
public final class JobRequestParser {
  static final Set<String> DCCS = Set.of("maya", "nuke", "houdini", "blender", "max");
  static final String EMPTY = "Value cannot be empty.";
  /** An integer with more digits than this is not an integer anyone meant (and costs memory). */
  private static final int MAX_INTEGER_DIGITS = 1000;

  private JobRequestParser() {}

  /**
   * Validates {@code body}.
   *
   * @param farms the registered farm keys, sorted; {@code null} accepts any non-blank farm (store
   *     load: jobs of retired farms still load)
   * @return the normalised request; priority and chunk size as sent ({@code null} when absent)
   * @throws ValidationException listing every failing field
   */
  public static JobRequest parse(ObjectNode body, Supplier<List<String>> farms) {
    List<ValidationError> errors = new ArrayList<>();
    String dcc = string(body, "dcc", true, errors);
    if (dcc != null) {
      String normalised = dcc.trim().toLowerCase(Locale.ROOT);
      if (!DCCS.contains(normalised)) {
        errors.add(valueError("dcc", "Unsupported DCC '" + dcc
            + "'. Choose one of: blender, houdini, max, maya, nuke."));
      }
      dcc = normalised;
    }
    String scene = nonEmpty(body, "scene", true, errors);
    String frames = string(body, "frames", false, errors);
    if (frames == null && !errors.contains(stringTypeError("frames"))) {
      frames = Frames.DEFAULT;
    }
    if (frames != null) {
      try {
        frames = Frames.parse(frames).value();
      } catch (IllegalArgumentException e) {
        errors.add(valueError("frames", e.getMessage()));
      }
    }
    String output = nonEmpty(body, "output", true, errors);
    String farm = string(body, "farm", false, errors);
    boolean farmTypeError = errors.contains(stringTypeError("farm"));
    if (farm == null && !farmTypeError) {
      farm = "mock";
    }
    if (farm != null) {
      String key = RenderFarmRegistry.key(farm);
      if (farms != null) {
        List<String> names = farms.get();
        if (!names.contains(key)) {
          errors.add(valueError("farm", "Unknown farm '" + farm + "'. Choose one of: "
              + String.join(", ", names) + "."));
        }
      } else if (key.isEmpty()) {
        errors.add(valueError("farm", EMPTY));
      }
      farm = key;
    }
    BigInteger priority = integer(body, "priority", BigInteger.ZERO, errors);
    BigInteger chunkSize = integer(body, "chunk_size", BigInteger.ONE, errors);
    String user = nonEmpty(body, "user", false, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new JobRequest(dcc, scene, frames, output, farm, priority, chunkSize, user);
  }

  private static String string(ObjectNode body, String field, boolean required,
      List<ValidationError> errors) {
    JsonNode value = body.get(field);
    if (value == null || (value.isNull() && !required)) {
      if (required) {
        errors.add(ValidationError.missing(List.of(field)));
      }
      return null;
    }
    if (!value.isTextual()) {
      errors.add(stringTypeError(field));
      return null;
    }
    return value.textValue();
  }

  private static String nonEmpty(ObjectNode body, String field, boolean required,
      List<ValidationError> errors) {
    String value = string(body, field, required, errors);
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      errors.add(valueError(field, EMPTY));
    }
    return trimmed;
  }

  private static BigInteger integer(ObjectNode body, String field, BigInteger minimum,
      List<ValidationError> errors) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    BigInteger parsed = null;
    if (value.isIntegralNumber()) {
      parsed = value.bigIntegerValue();
    } else if (value.isNumber()) {
      BigDecimal decimal = value.decimalValue();
      if (decimal.precision() - decimal.scale() <= MAX_INTEGER_DIGITS) {
        try {
          parsed = decimal.toBigIntegerExact();
        } catch (ArithmeticException e) {
          parsed = null;
        }
      }
    }
    if (parsed == null) {
      errors.add(ValidationError.intType(List.of(field)));
      return null;
    }
    if (parsed.compareTo(minimum) < 0) {
      errors.add(ValidationError.greaterThanEqual(List.of(field), minimum));
      return null;
    }
    return parsed;
  }

  private static ValidationError stringTypeError(String field) {
    return ValidationError.stringType(List.of(field));
  }

  private static ValidationError valueError(String field, String message) {
    return ValidationError.valueError(List.of(field), message);
  }
}
