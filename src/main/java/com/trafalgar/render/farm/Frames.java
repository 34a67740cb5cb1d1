package com.trafalgar.render.farm;

import com.trafalgar.text.Text;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Deadline-style frames grammar (API.md 5.3.2): validation with the contract's messages, the
 * normalised value and the frame count. Validation compares numbers of any length as text, so it
 * is linear in the length of the value; counts are exact for numbers of up to 100 digits and
 * capped at 10^100 per segment beyond.
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

  /** Numbers up to this many digits are counted exactly. */
  static final int MAX_EXACT_DIGITS = 100;
  /** The count of a segment with longer numbers: 10^100, longer than any render. */
  static final BigInteger HUGE = BigInteger.TEN.pow(MAX_EXACT_DIGITS);

  private static final Pattern SEGMENT = Pattern.compile("(-?\\d+)(?:-(-?\\d+)(?:x(\\d+))?)?");

  /** Parses {@code text}; throws {@link IllegalArgumentException} with the contract message. */
  public static Frames parse(String text) {
    List<String> segments = new ArrayList<>();
    BigInteger count = BigInteger.ZERO;
    int start = 0;
    while (true) {
      int comma = text.indexOf(',', start);
      String segment = Text.trim(comma < 0 ? text.substring(start) : text.substring(start, comma));
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
    String first = match.group(1);
    String last = match.group(2);
    if (last == null) {
      return BigInteger.ONE;
    }
    if (compare(last, first) < 0) {
      throw new IllegalArgumentException(
          "Frame range segment '" + segment
              + "' must have the end greater than or equal to the start.");
    }
    String step = match.group(3);
    if (step != null && step.chars().allMatch(c -> c == '0')) {
      throw new IllegalArgumentException(
          "Frame range segment '" + segment + "' must use a positive step.");
    }
    if (first.length() > MAX_EXACT_DIGITS || last.length() > MAX_EXACT_DIGITS
        || (step != null && step.length() > MAX_EXACT_DIGITS)) {
      // Only the mock farm's simulated duration uses the count; past this size it never ends.
      return HUGE;
    }
    BigInteger span = new BigInteger(last).subtract(new BigInteger(first));
    if (step == null) {
      return span.add(BigInteger.ONE);
    }
    return span.divide(new BigInteger(step)).add(BigInteger.ONE);
  }

  /** Compares two decimal integers of any length without converting them. */
  static int compare(String a, String b) {
    boolean negativeA = a.startsWith("-");
    boolean negativeB = b.startsWith("-");
    String magnitudeA = stripZeros(negativeA ? a.substring(1) : a);
    String magnitudeB = stripZeros(negativeB ? b.substring(1) : b);
    if (magnitudeA.isEmpty()) {
      negativeA = false;
    }
    if (magnitudeB.isEmpty()) {
      negativeB = false;
    }
    if (negativeA != negativeB) {
      return negativeA ? -1 : 1;
    }
    int magnitude = magnitudeA.length() != magnitudeB.length()
        ? Integer.compare(magnitudeA.length(), magnitudeB.length())
        : magnitudeA.compareTo(magnitudeB);
    return negativeA ? -magnitude : magnitude;
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
