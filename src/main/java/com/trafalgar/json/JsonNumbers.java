package com.trafalgar.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one way the service turns a JSON number into an integer or a bounded decimal, at a cost
 * bounded by the number's written length rather than by its exponent.
 *
 * <p>Why: {@code 1e-40000000} is eleven bytes, and Jackson keeps it as a {@link BigDecimal} with
 * unscaled value 1 and scale 40,000,000. Asking that value for an integer ({@code
 * toBigIntegerExact}, {@code longValue}, {@code setScale(0, …)}, {@code intValueExact}) or
 * subtracting it from a whole number computes 10^40,000,000 first: minutes of CPU for one
 * request. Every method here decides from {@link BigDecimal#precision()} and {@link
 * BigDecimal#scale()} alone whether the value is below one, a fraction or too large, and converts
 * only values whose digits it has already bounded.
 */
public final class JsonNumbers {
  /**
   * Integers with more decimal digits than this are not materialised. It matches the longest
   * number text the service's parser accepts ({@code maxNumberLength}), so any integer written out
   * in digits still converts.
   */
  public static final int MAX_INTEGER_DIGITS = 1000;

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private JsonNumbers() {}

  /** What a JSON value is when read as an integer. */
  public enum Kind {
    /** An integer of at most {@link #MAX_INTEGER_DIGITS} digits; {@code value} holds it. */
    INTEGER,
    /** An integer with more digits than that; only its sign is known. */
    TOO_LARGE,
    /** A number with a non-zero fractional part ({@code 1.5}, {@code 1e-40000000}). */
    FRACTION,
    /** Not a finite number (a string, a boolean, null, a missing node, NaN). */
    NOT_A_NUMBER
  }

  /**
   * A value read as an integer.
   *
   * @param kind what the value is
   * @param value the exact integer for {@link Kind#INTEGER}, else {@code null}
   * @param signum the sign of the value (0 when not a number)
   */
  public record IntegerReading(Kind kind, BigInteger value, int signum) {
    static final IntegerReading NOT_A_NUMBER = new IntegerReading(Kind.NOT_A_NUMBER, null, 0);

    public boolean isInteger() {
      return kind == Kind.INTEGER;
    }

    /** The integer when it fits a {@code long}. */
    public OptionalLong asLong() {
      if (kind != Kind.INTEGER || value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(value.longValue());
    }
  }

  /** Reads {@code node} as an integer ({@code 50}, {@code 50.0} and {@code 5e1} are all 50). */
  public static IntegerReading integer(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return IntegerReading.NOT_A_NUMBER;
    }
    if (node.isIntegralNumber()) {
      return integer(node.bigIntegerValue());
    }
    if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      return IntegerReading.NOT_A_NUMBER;
    }
    return integer(node.decimalValue());
  }

  /** Reads {@code value} as an integer without ever scaling it by its exponent. */
  public static IntegerReading integer(BigDecimal value) {
    int signum = value.signum();
    if (signum == 0) {
      return new IntegerReading(Kind.INTEGER, BigInteger.ZERO, 0);
    }
    // |value| lies in [10^(digits - 1), 10^digits)
    long digits = (long) value.precision() - value.scale();
    if (digits <= 0) {
      return new IntegerReading(Kind.FRACTION, null, signum);
    }
    if (digits > MAX_INTEGER_DIGITS) {
      // a fraction needs more stored digits than the integer part: only scale > 0 can hold one,
      // and stripping zeros costs the stored digits, not the exponent
      boolean fraction = value.scale() > 0 && value.stripTrailingZeros().scale() > 0;
      return new IntegerReading(fraction ? Kind.FRACTION : Kind.TOO_LARGE, null, signum);
    }
    // here 10^|scale| has at most max(precision, MAX_INTEGER_DIGITS) digits
    try {
      return new IntegerReading(Kind.INTEGER, value.toBigIntegerExact(), signum);
    } catch (ArithmeticException fraction) {
      return new IntegerReading(Kind.FRACTION, null, signum);
    }
  }

  private static IntegerReading integer(BigInteger value) {
    // 10^1000 needs 3,322 bits: only a longer value can have too many digits to count
    if (value.bitLength() >= MAX_INTEGER_DIGITS * 3.32
        && value.abs().toString().length() > MAX_INTEGER_DIGITS) {
      return new IntegerReading(Kind.TOO_LARGE, null, value.signum());
    }
    return new IntegerReading(Kind.INTEGER, value, value.signum());
  }

  /** The node as an exact {@code long}: empty for fractions, non-numbers and larger integers. */
  public static OptionalLong exactLong(JsonNode node) {
    return integer(node).asLong();
  }

  /**
   * The node's number rounded towards negative infinity to {@code fractionDigits} decimals (its
   * scale is exactly {@code fractionDigits}); empty when it is not a finite number or its
   * magnitude reaches 10^{@code maxIntegerDigits}.
   */
  public static Optional<BigDecimal> floor(JsonNode node, int maxIntegerDigits,
      int fractionDigits) {
    if (node == null || !node.isNumber()
        || ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue()))) {
      return Optional.empty();
    }
    return floor(node.decimalValue(), maxIntegerDigits, fractionDigits);
  }

  /** {@link #floor(JsonNode, int, int)} for a decimal already at hand. */
  public static Optional<BigDecimal> floor(BigDecimal value, int maxIntegerDigits,
      int fractionDigits) {
    if (value.signum() == 0) {
      return Optional.of(BigDecimal.ZERO.setScale(fractionDigits));
    }
    long digits = (long) value.precision() - value.scale();
    if (digits > maxIntegerDigits) {
      return Optional.empty();
    }
    if (digits <= -fractionDigits) {
      // |value| < 10^-fractionDigits: the floor is 0, or one unit below it for a negative value
      return Optional.of(value.signum() > 0 ? BigDecimal.ZERO.setScale(fractionDigits)
          : BigDecimal.valueOf(-1, fractionDigits));
    }
    // the rescaling now multiplies or divides by at most 10^(precision + fractionDigits)
    // or 10^(maxIntegerDigits + fractionDigits)
    return Optional.of(value.setScale(fractionDigits, RoundingMode.FLOOR));
  }
}
