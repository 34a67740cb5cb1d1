package com.trafalgar.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers that are short to write but whose exponent makes any rescaling cost minutes, wrapped so
 * that a test proves, without timing anything, that code never rescales them: every operation
 * whose cost grows with the exponent throws instead of running.
 */
public final class HostileNumbers {
  private HostileNumbers() {}

  /** {@code unscaled × 10^-scale} that fails the test on any rescaling operation. */
  public static BigDecimal tripwire(long unscaled, int scale) {
    return new Tripwire(BigInteger.valueOf(unscaled), scale);
  }

  /** {@code 1e-40000000} as a JSON number node (what Jackson makes of that body text). */
  public static JsonNode tinyNode() {
    return DecimalNode.valueOf(tripwire(1, 40_000_000));
  }

  /** {@code -1e-40000000} as a JSON number node. */
  public static JsonNode negativeTinyNode() {
    return DecimalNode.valueOf(tripwire(-1, 40_000_000));
  }

  /** {@code 1e40000000} as a JSON number node. */
  public static JsonNode hugeNode() {
    return DecimalNode.valueOf(tripwire(1, -40_000_000));
  }

  private static final class Tripwire extends BigDecimal {
    private static final long serialVersionUID = 1L;

    Tripwire(BigInteger unscaled, int scale) {
      super(unscaled, scale);
    }

    private static AssertionError expanded(String operation) {
      return new AssertionError(operation + " expands the exponent of a hostile number");
    }

    @Override
    public BigInteger toBigInteger() {
      throw expanded("toBigInteger");
    }

    @Override
    public BigInteger toBigIntegerExact() {
      throw expanded("toBigIntegerExact");
    }

    @Override
    public long longValue() {
      throw expanded("longValue");
    }

    @Override
    public long longValueExact() {
      throw expanded("longValueExact");
    }

    @Override
    public int intValue() {
      throw expanded("intValue");
    }

    @Override
    public int intValueExact() {
      throw expanded("intValueExact");
    }

    @Override
    public BigDecimal setScale(int newScale, RoundingMode mode) {
      throw expanded("setScale");
    }

    @Override
    @SuppressWarnings("deprecation")
    public BigDecimal setScale(int newScale, int mode) {
      throw expanded("setScale");
    }

    @Override
    public BigDecimal setScale(int newScale) {
      throw expanded("setScale");
    }

    @Override
    public BigDecimal stripTrailingZeros() {
      throw expanded("stripTrailingZeros");
    }

    @Override
    public String toPlainString() {
      throw expanded("toPlainString");
    }

    @Override
    public BigDecimal add(BigDecimal other) {
      throw expanded("add");
    }

    @Override
    public BigDecimal add(BigDecimal other, MathContext context) {
      throw expanded("add");
    }

    @Override
    public BigDecimal subtract(BigDecimal other) {
      throw expanded("subtract");
    }

    @Override
    public BigDecimal subtract(BigDecimal other, MathContext context) {
      throw expanded("subtract");
    }

    @Override
    public BigDecimal[] divideAndRemainder(BigDecimal divisor) {
      throw expanded("divideAndRemainder");
    }

    @Override
    public BigDecimal remainder(BigDecimal divisor) {
      throw expanded("remainder");
    }

    @Override
    public BigDecimal movePointRight(int n) {
      throw expanded("movePointRight");
    }

    @Override
    public BigDecimal round(MathContext context) {
      throw expanded("round");
    }
  }
}
