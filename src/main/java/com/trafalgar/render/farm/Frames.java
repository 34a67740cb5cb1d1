package com.trafalgar.render.farm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Deadline-style frames grammar (API.md 5.3.2): validation with the contract's messages, the
 * normalised value and the frame count. Numbers are {@link BigInteger}s, so any size is exact and
 * cheap; the work is linear in the length of the value.
 *
 * @param value the normalised value: trimmed segments joined by {@code ,}
 * @param frameCount the number of frames the value names
 */
public record Frames(String value, BigInteger frameCount) {
  public static final String DEFAULT = "1-100";
  public static final String EMPTY_SEGMENT =
      "Frame range must be a comma separated list of frames or ranges (e.g. 1-10,20-30x2).";
  public static final String NOTATION =
      "Frame range must use Deadline notation (e.g. 1-10,20-30x2).";

  private static final Pattern SEGMENT = Pattern.compile("(-?\\d+)(?:-(-?\\d+)(?:x(\\d+))?)?");

  /** Parses {@code text}; throws {@link IllegalArgumentException} with the contract message. */
  public static Frames parse(String text) {
    List<String> segments = new ArrayList<>();
    BigInteger count = BigInteger.ZERO;
    int start = 0;
    while (true) {
      int comma = text.indexOf(',', start);
      String segment = (comma < 0 ? text.substring(start) : text.substring(start, comma)).trim();
      count = count.add(countSegment(segment));
      segments.add(segment);
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return new Frames(String.join(",", segments), count);
  }

  private static BigInteger countSegment(String segment) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException(EMPTY_SEGMENT);
    }
    Matcher match = SEGMENT.matcher(segment);
    if (!match.matches()) {
      throw new IllegalArgumentException(NOTATION);
    }
    BigInteger first = new BigInteger(match.group(1));
    if (match.group(2) == null) {
      return BigInteger.ONE;
    }
    BigInteger last = new BigInteger(match.group(2));
    if (last.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "Frame range segment '" + segment
              + "' must have the end greater than or equal to the start.");
    }
    BigInteger span = last.subtract(first);
    if (match.group(3) == null) {
      return span.add(BigInteger.ONE);
    }
    BigInteger step = new BigInteger(match.group(3));
    if (step.signum() <= 0) {
      throw new IllegalArgumentException(
          "Frame range segment '" + segment + "' must use a positive step.");
    }
    return span.divide(step).add(BigInteger.ONE);
  }
}
