package com.trafalgar.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.trafalgar.fuzz.Budget;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fuzzes the timestamps the service reads (API.md 2.6): any text, as an ISO-8601 string and, when
 * it is a number, as epoch seconds. Reading never throws and stays within the fuzz budget; what
 * it accepts is written in the exact shape of 2.6 and reads back as the same instant, so writing
 * twice equals writing once. Inputs: {@code TimestampsFuzzTestInputs/parse/} (docs/testing.md).
 */
class TimestampsFuzzTest {
  private static final Pattern WRITTEN =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00");

  @FuzzTest
  void parse(byte[] input) {
    Budget.run(input, () -> {
      String text = new String(input, StandardCharsets.UTF_8);
      Optional<Instant> read = Timestamps.parseIso(text);
      // the hand-written fast path answers exactly as the formatters do
      assertEquals(Timestamps.parseWithFormatter(text.trim()), read, text);
      read.ifPresent(TimestampsFuzzTest::checkWritable);
      BigDecimal number = number(text);
      if (number != null) {
        Optional<Instant> epoch = Timestamps.fromEpochSeconds(number);
        epoch.ifPresent(TimestampsFuzzTest::checkWritable);
        if (epoch.isPresent()) {
          // the whole seconds are the number's floor (compared without rounding the number,
          // which for 1e-40000000 would itself take minutes)
          BigDecimal seconds = BigDecimal.valueOf(epoch.get().getEpochSecond());
          assertTrue(seconds.compareTo(number) <= 0
              && number.compareTo(seconds.add(BigDecimal.ONE)) < 0, "seconds of " + text);
        }
      }
    });
  }

  private static void checkWritable(Instant instant) {
    String written = Timestamps.format(instant);
    assertEquals(Timestamps.formatWithFormatter(Timestamps.truncate(instant)), written);
    assertTrue(WRITTEN.matcher(written).matches(), "written as " + written);
    Optional<Instant> reread = Timestamps.parseIso(written);
    assertEquals(Optional.of(Timestamps.truncate(instant)), reread, written + " read back");
    assertEquals(written, Timestamps.format(reread.get()), "writing twice equals once");
  }

  /** The text as a number (any exponent), or {@code null}. */
  private static BigDecimal number(String text) {
    if (text.length() > 1_000) {
      return null; // the service's JSON reader refuses longer numbers (Json.newMapper)
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
