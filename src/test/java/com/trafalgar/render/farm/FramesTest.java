package com.trafalgar.render.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FramesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1-100|1-100|100",
      "7|7|1",
      "'1-5x2, 7, 10-12'|1-5x2,7,10-12|7",
      "-10--5|-10--5|6",
      "1-10x3|1-10x3|4",
      "5-5|5-5|1",
      "' 3 '|3|1",
      "1-2,1-2|1-2,1-2|4"})
  void validValuesAreNormalisedAndCounted(String text, String normalised, long count) {
    Frames frames = Frames.parse(text);
    assertEquals(normalised, frames.value());
    assertEquals(BigInteger.valueOf(count), frames.frameCount());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|" + Frames.EMPTY_SEGMENT,
      "1,,2|" + Frames.EMPTY_SEGMENT,
      "1-10,|" + Frames.EMPTY_SEGMENT,
      "' , '|" + Frames.EMPTY_SEGMENT,
      "abc|" + Frames.NOTATION,
      "1-|" + Frames.NOTATION,
      "1x2|" + Frames.NOTATION,
      "1-10x|" + Frames.NOTATION,
      "1-10x-2|" + Frames.NOTATION,
      "1 - 10|" + Frames.NOTATION,
      "+1|" + Frames.NOTATION,
      "1---2|" + Frames.NOTATION,
      "10-1|Frame range segment '10-1' must have the end greater than or equal to the start.",
      "1-10x0|Frame range segment '1-10x0' must use a positive step.",
      "-5--10x0|Frame range segment '-5--10x0' must have the end greater than or equal to the "
          + "start.",
      "1-10, x, 10-1|" + Frames.NOTATION})
  void invalidValuesGiveTheFirstFailure(String text, String message) {
    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> Frames.parse(text));
    assertEquals(message, failure.getMessage());
  }

  @Test
  void hugeNumbersAreExact() {
    String big = "1" + "0".repeat(39);
    Frames frames = Frames.parse("0-" + big + "x1");
    assertEquals(new BigInteger(big).add(BigInteger.ONE), frames.frameCount());
    assertEquals(new BigInteger(big).divide(BigInteger.valueOf(7)).add(BigInteger.ONE),
        Frames.parse("0-" + big + "x7").frameCount());
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> Frames.parse(big + "1-" + big));
    assertEquals("Frame range segment '" + big + "1-" + big
        + "' must have the end greater than or equal to the start.", failure.getMessage());
  }

  @Test
  void megabyteNumbersAreValidatedAsText() {
    String digits = "7".repeat(500_000);
    assertEquals(Frames.HUGE, Frames.parse("1-" + digits).frameCount());
    assertThrows(IllegalArgumentException.class, () -> Frames.parse(digits + "-1"));
    assertEquals(BigInteger.ONE, Frames.parse(digits).frameCount());
  }

  @ParameterizedTest
  @CsvSource({"0,-0,0", "-1,0,-1", "007,7,0", "-10,-9,-1", "100,99,1", "-0,5,-1"})
  void integersCompareAsNumbers(String a, String b, int expected) {
    assertEquals(expected, Integer.signum(Frames.compare(a, b)));
  }

  @Test
  void tenThousandSegmentsAreCounted() {
    String value = String.join(",", java.util.Collections.nCopies(10_000, "1-10"));
    Frames frames = Frames.parse(value);
    assertEquals(BigInteger.valueOf(100_000), frames.frameCount());
    assertEquals(value, frames.value());
  }
}
