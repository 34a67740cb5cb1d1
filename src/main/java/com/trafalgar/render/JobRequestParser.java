package com.trafalgar.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.json.JsonNumbers;
import com.trafalgar.render.farm.Frames;
import com.trafalgar.render.farm.RenderFarmRegistry;
import com.trafalgar.text.Text;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The body rules of {@code POST /render/jobs} (API.md 5.3.1): every failure collected in field
 * order, messages verbatim. Also used to check stored requests when the job store loads (5.13.2).
 *
 * <p>A submission's strings are also bounded in length ({@link #MAX_LENGTHS}, docs/render.md), so
 * what one request makes the service store, parse, echo and stream is bounded by more than the
 * 1 MiB body limit. Stored requests are not held to those bounds: a job accepted before they
 * existed still loads.
 */
public final class JobRequestParser {
  static final Set<String> DCCS = Set.of("maya", "nuke", "houdini", "blender", "max");
  static final String EMPTY = "Value cannot be empty.";
  /** The longest value, in characters (code points) as sent, of each string of a submission. */
  public static final Map<String, Integer> MAX_LENGTHS = Map.of(
      "dcc", 256, "scene", 4096, "frames", 16_384, "output", 4096, "farm", 256, "user", 256);

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
    // a submission (farms given) is held to the length bounds; a stored request is not
    boolean bounded = farms != null;
    String dcc = string(body, "dcc", true, bounded, errors);
    if (dcc != null) {
      String normalised = Text.trim(dcc).toLowerCase(Locale.ROOT);
      if (!DCCS.contains(normalised)) {
        errors.add(valueError("dcc", "Unsupported DCC '" + dcc
            + "'. Choose one of: blender, houdini, max, maya, nuke."));
      }
      dcc = normalised;
    }
    String scene = nonEmpty(body, "scene", true, bounded, errors);
    int failures = errors.size();
    String frames = string(body, "frames", false, bounded, errors);
    if (frames == null && errors.size() == failures) {
      frames = Frames.DEFAULT;
    }
    BigInteger frameCount = null;
    if (frames != null) {
      try {
        Frames parsed = Frames.parse(frames);
        frames = parsed.value();
        frameCount = parsed.frameCount();
      } catch (IllegalArgumentException e) {
        errors.add(valueError("frames", e.getMessage()));
      }
    }
    String output = nonEmpty(body, "output", true, bounded, errors);
    failures = errors.size();
    String farm = string(body, "farm", false, bounded, errors);
    if (farm == null && errors.size() == failures) {
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
    String user = nonEmpty(body, "user", false, bounded, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new JobRequest(dcc, scene, frames, output, farm, priority, chunkSize, user, frameCount);
  }

  /** The message of a string longer than {@code max} characters. */
  public static String tooLong(int max) {
    return "Value must be at most " + max + " characters long.";
  }

  /**
   * The field's string, or null with its error recorded: missing, not a string, or (when {@code
   * bounded}) longer than its bound, which is checked before anything else reads the value.
   */
  private static String string(ObjectNode body, String field, boolean required, boolean bounded,
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
    String text = value.textValue();
    int max = MAX_LENGTHS.get(field);
    // a string of at most max UTF-16 units has at most max code points: count only beyond that
    if (bounded && text.length() > max && text.codePointCount(0, text.length()) > max) {
      errors.add(valueError(field, tooLong(max)));
      return null;
    }
    return text;
  }

  private static String nonEmpty(ObjectNode body, String field, boolean required,
      boolean bounded, List<ValidationError> errors) {
    String value = string(body, field, required, bounded, errors);
    if (value == null) {
      return null;
    }
    String trimmed = Text.trim(value);
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
    // 50.0 is 50; 1.5, 1e-40000000 and integers of more than 1,000 digits are not integers,
    // decided without ever expanding the exponent
    JsonNumbers.IntegerReading reading = JsonNumbers.integer(value);
    if (!reading.isInteger()) {
      errors.add(ValidationError.intType(List.of(field)));
      return null;
    }
    BigInteger parsed = reading.value();
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
