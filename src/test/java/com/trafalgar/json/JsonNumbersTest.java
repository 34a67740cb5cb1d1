package com.trafalgar.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.trafalgar.json.JsonNumbers.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The one JSON-number-to-integer helper: exact for ordinary values, and decided from digits and
 * exponent alone for hostile ones (the tripwire numbers fail the test on any rescaling).
 */
class JsonNumbersTest {

  private static JsonNode parse(String json) throws Exception {
    return Json.mapper().readTree("{\"n\": " + json + "}").get("n");
  }

  private static BigInteger integer(String json) throws Exception {
    JsonNumbers.IntegerReading reading = JsonNumbers.integer(parse(json));
    assertEquals(Kind.INTEGER, reading.kind(), json);
    return reading.value();
  }

  @Test
  void ordinaryIntegersAreExactWhateverTheirSpelling() throws Exception {
    assertEquals(BigInteger.valueOf(50), integer("50"));
    assertEquals(BigInteger.valueOf(50), integer("50.0"));
    assertEquals(BigInteger.valueOf(50), integer("5e1"));
    assertEquals(BigInteger.valueOf(50), integer("500e-1"));
    assertEquals(BigInteger.valueOf(-7), integer("-7.000"));
    assertEquals(BigInteger.ZERO, integer("-0.0"));
    assertEquals(BigInteger.ZERO, integer("0e-40000000"));
    assertEquals(new BigInteger("123456789012345678901234567890"),
        integer("123456789012345678901234567890"));
    assertEquals(BigInteger.TEN.pow(999), integer("1e999"));
    assertEquals(BigInteger.TEN.pow(999), integer("1" + "0".repeat(999)));
  }

  @Test
  void fractionsAndNonNumbersAreNotIntegers() throws Exception {
    for (String json : new String[] {"1.5", "-0.5", "1e-1", "1e-40000000", "-1e-40000000",
        "123456789.000000001"}) {
      assertEquals(Kind.FRACTION, JsonNumbers.integer(parse(json)).kind(), json);
    }
    for (String json : new String[] {"\"5\"", "true", "null", "[5]", "{}"}) {
      assertEquals(Kind.NOT_A_NUMBER, JsonNumbers.integer(parse(json)).kind(), json);
    }
    assertEquals(Kind.NOT_A_NUMBER, JsonNumbers.integer((JsonNode) null).kind());
    assertEquals(Kind.NOT_A_NUMBER,
        JsonNumbers.integer(JsonNodeFactory.instance.numberNode(Double.NaN)).kind());
    assertEquals(Kind.NOT_A_NUMBER, JsonNumbers.integer(
        JsonNodeFactory.instance.numberNode(Double.NEGATIVE_INFINITY)).kind());
  }

  @Test
  void integersBeyondAThousandDigitsAreTooLargeWithTheirSign() throws Exception {
    JsonNumbers.IntegerReading huge = JsonNumbers.integer(parse("1e40000000"));
    assertEquals(Kind.TOO_LARGE, huge.kind());
    assertEquals(1, huge.signum());
    assertEquals(-1, JsonNumbers.integer(parse("-1E+999999999")).signum());
    assertEquals(Kind.TOO_LARGE, JsonNumbers.integer(parse("1e1000")).kind());
    assertEquals(Kind.TOO_LARGE,
        JsonNumbers.integer(JsonNodeFactory.instance.numberNode(BigInteger.TEN.pow(1000))).kind());
    assertEquals(Kind.INTEGER, JsonNumbers.integer(
        JsonNodeFactory.instance.numberNode(BigInteger.TEN.pow(1000).subtract(BigInteger.ONE)))
        .kind());
    // a fraction stays a fraction however large its integer part
    assertEquals(Kind.FRACTION, JsonNumbers.integer(
        new BigDecimal(BigInteger.TEN.pow(1200).add(BigInteger.ONE), 100)).kind());
  }

  @Test
  void hostileExponentsAreDecidedWithoutRescaling() {
    // the tripwires throw on any operation whose cost grows with the exponent
    assertEquals(Kind.FRACTION, JsonNumbers.integer(HostileNumbers.tinyNode()).kind());
    assertEquals(Kind.FRACTION, JsonNumbers.integer(HostileNumbers.negativeTinyNode()).kind());
    assertEquals(Kind.TOO_LARGE, JsonNumbers.integer(HostileNumbers.hugeNode()).kind());
    assertEquals(OptionalLong.empty(), JsonNumbers.exactLong(HostileNumbers.tinyNode()));
    assertEquals(OptionalLong.empty(), JsonNumbers.exactLong(HostileNumbers.hugeNode()));
    assertEquals(Optional.of(new BigDecimal("0.000000000")),
        JsonNumbers.floor(HostileNumbers.tinyNode(), 19, 9));
    assertEquals(Optional.of(new BigDecimal("-0.000000001")),
        JsonNumbers.floor(HostileNumbers.negativeTinyNode(), 19, 9));
    assertEquals(Optional.empty(), JsonNumbers.floor(HostileNumbers.hugeNode(), 19, 9));
  }

  @Test
  void theTripwireReallyCatchesAnExpansion() {
    // guards the guard: the old conversion of the render parser trips it
    AssertionError tripped = assertThrows(AssertionError.class,
        () -> HostileNumbers.tinyNode().decimalValue().toBigIntegerExact());
    assertTrue(tripped.getMessage().contains("expands the exponent"));
    assertThrows(AssertionError.class, () -> HostileNumbers.tinyNode().asLong());
  }

  @Test
  void exactLongKeepsTheLongRange() throws Exception {
    assertEquals(OptionalLong.of(Long.MAX_VALUE),
        JsonNumbers.exactLong(parse("9223372036854775807")));
    assertEquals(OptionalLong.of(Long.MIN_VALUE),
        JsonNumbers.exactLong(parse("-9223372036854775808.0")));
    assertEquals(OptionalLong.empty(), JsonNumbers.exactLong(parse("9223372036854775808")));
    assertEquals(OptionalLong.of(3600), JsonNumbers.exactLong(parse("3.6e3")));
    assertEquals(OptionalLong.empty(), JsonNumbers.exactLong(parse("3600.5")));
  }

  @Test
  void floorRoundsDownToTheRequestedDigits() throws Exception {
    assertEquals(Optional.of(new BigDecimal("1716195600.500000000")),
        JsonNumbers.floor(parse("1716195600.5"), 19, 9));
    assertEquals(Optional.of(new BigDecimal("-1.000000000")),
        JsonNumbers.floor(parse("-0.9999999999"), 19, 9));
    assertEquals(Optional.of(new BigDecimal("0.123456789")),
        JsonNumbers.floor(parse("0.1234567891234"), 19, 9));
    assertEquals(Optional.of(new BigDecimal("12")), JsonNumbers.floor(parse("12.9"), 9, 0));
    assertEquals(Optional.of(new BigDecimal("120")), JsonNumbers.floor(parse("1.2e2"), 9, 0));
    assertEquals(Optional.empty(), JsonNumbers.floor(parse("1e9"), 9, 0));
    assertEquals(Optional.empty(), JsonNumbers.floor(parse("\"12\""), 9, 0));
    assertEquals(Optional.empty(),
        JsonNumbers.floor(JsonNodeFactory.instance.numberNode(Double.NaN), 9, 0));
    assertEquals(Optional.of(new BigDecimal("0E-9")),
        JsonNumbers.floor(DecimalNode.valueOf(new BigDecimal("0E-40000000")), 19, 9));
  }
}
