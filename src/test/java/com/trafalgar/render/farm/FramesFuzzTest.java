package com.trafalgar.render.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.trafalgar.fuzz.Budget;
import com.trafalgar.text.Text;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes the frames grammar (API.md 5.3.2) against a plain reading of the contract: the outcome is
 * either the normalised value and count the contract gives, or the contract's message for the
 * first failing segment; normalising a normalised value changes nothing; and any input, however
 * long or odd, is handled within the fuzz budget. Inputs: {@code FramesFuzzTestInputs/parse/}
 * (docs/testing.md).
 */
class FramesFuzzTest {
  /** The contract's segment pattern, verbatim. */
  private static final Pattern SEGMENT =
      Pattern.compile("^-?\\d+(?:--?\\d+(?:x\\d+)?)?$");
  /** Splits a valid segment into start, end and step. */
  private static final Pattern PARTS = Pattern.compile("(-?\\d+)(?:-(-?\\d+)(?:x(\\d+))?)?");
  /** Past this length the reference below (BigInteger arithmetic) would itself be slow. */
  private static final int REFERENCE_LIMIT = 20_000;

  @FuzzTest
  void parse(byte[] input) {
    Budget.run(input, () -> check(new String(input, StandardCharsets.UTF_8)));
  }

  private static void check(String text) {
    Object outcome = outcome(text);
    if (text.length() <= REFERENCE_LIMIT) {
      Object expected = reference(text);
      if (expected instanceof Frames reference && outcome instanceof Frames frames) {
        assertEquals(reference.value(), frames.value(), "normalised value");
        // counts are exact up to 100 digits and capped at 10^100 per segment beyond
        if (reference.frameCount() != null) {
          assertEquals(reference.frameCount(), frames.frameCount(), "frame count");
        }
      } else {
        assertEquals(expected, outcome, "outcome");
      }
    }
    if (outcome instanceof Frames frames) {
      assertTrue(frames.value().length() <= text.length(), "the value only shrinks");
      assertTrue(frames.frameCount().signum() > 0, "every segment names a frame");
      assertEquals(frames, outcome(frames.value()), "normalising twice equals once");
    } else {
      // a message quotes at most one segment: its size is bounded by the input's
      assertTrue(((String) outcome).length() <= text.length() + 120, "message size");
    }
  }

  /** The parsed frames, or the failure message. */
  private static Object outcome(String text) {
    try {
      return Frames.parse(text);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * The contract read literally: frames with an exact count ({@code null} when a number is longer
   * than 100 digits), or the message of the first failing segment.
   */
  private static Object reference(String text) {
    String[] segments = text.split(",", -1);
    StringBuilder value = new StringBuilder();
    BigInteger count = BigInteger.ZERO;
    for (String raw : segments) {
      String segment = Text.trim(raw);
      if (segment.isEmpty()) {
        return Frames.EMPTY_SEGMENT;
      }
      if (!SEGMENT.matcher(segment).matches()) {
        return Frames.NOTATION;
      }
      Matcher parts = PARTS.matcher(segment);
      assertTrue(parts.matches());
      BigInteger first = new BigInteger(parts.group(1));
      BigInteger segmentCount = BigInteger.ONE;
      if (parts.group(2) != null) {
        BigInteger last = new BigInteger(parts.group(2));
        if (last.compareTo(first) < 0) {
          return "Frame range segment '" + segment
              + "' must have the end greater than or equal to the start.";
        }
        BigInteger step = parts.group(3) == null ? BigInteger.ONE : new BigInteger(parts.group(3));
        if (step.signum() <= 0) {
          return "Frame range segment '" + segment + "' must use a positive step.";
        }
        segmentCount = last.subtract(first).divide(step).add(BigInteger.ONE);
        if (longNumber(parts)) {
          count = null;
        }
      }
      if (count != null) {
        count = count.add(segmentCount);
      }
      value.append(value.length() == 0 ? "" : ",").append(segment);
    }
    return new Frames(value.toString(), count);
  }

  private static boolean longNumber(Matcher parts) {
    for (int group = 1; group <= 3; group++) {
      String digits = parts.group(group);
      if (digits != null && digits.length() > Frames.MAX_EXACT_DIGITS) {
        return true;
      }
    }
    return false;
  }
}
