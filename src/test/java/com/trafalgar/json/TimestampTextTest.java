package com.trafalgar.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written timestamp path gives the formatters' answer for every text and instant it
 * takes, and leaves the rest to them.
 */
class TimestampTextTest {
  private static final List<String> YEARS = List.of("0000", "0001", "1970", "2024", "9999");
  private static final List<String> MONTHS = List.of("00", "01", "02", "12", "13");
  private static final List<String> DAYS = List.of("00", "01", "28", "29", "30", "31", "32");
  private static final List<String> HOURS = List.of("00", "09", "23", "24", "25");
  private static final List<String> MINUTES = List.of("00", "59", "60");
  private static final List<String> SEPARATORS = List.of("T", "t", " ", "x");
  private static final List<String> FRACTIONS =
      List.of("", ".", ".1", ".123456", ".000000", ".123456789", ".1234567890", ".12a");
  private static final List<String> OFFSETS = List.of("", "Z", "z", "+00:00", "-00:00", "+05:30",
      "-08:00", "+18:00", "-18:00", "+18:01", "+19:00", "+0530", "+05", "+5:30", "+05:60", " Z",
      "Zz", "+05:30:00", "UTC");

  @Test
  void readsEveryShapeAsTheFormattersDo() {
    Random random = new Random(20261207);
    int fast = 0;
    for (int i = 0; i < 60_000; i++) {
      String text = pick(random, YEARS) + "-" + pick(random, MONTHS) + "-" + pick(random, DAYS)
          + pick(random, SEPARATORS) + pick(random, HOURS) + ":" + pick(random, MINUTES) + ":"
          + pick(random, MINUTES) + pick(random, FRACTIONS) + pick(random, OFFSETS);
      Optional<Instant> expected = Timestamps.parseWithFormatter(text);
      assertEquals(expected, Timestamps.parseIso(text), text);
      if (TimestampText.parse(text) != null) {
        fast++;
      }
    }
    assertTrue(fast > 500, "the usual shapes take the fast path: " + fast);
  }

  @Test
  void theServicesOwnShapeAndTheUsualOffsetsTakeTheFastPath() {
    assertEquals(Instant.parse("2024-05-20T10:00:00Z"),
        TimestampText.parse("2024-05-20T10:00:00+00:00"));
    assertEquals(Instant.parse("2024-05-20T10:00:00.123456Z"),
        TimestampText.parse("2024-05-20T10:00:00.123456+00:00"));
    assertEquals(Instant.parse("2024-05-20T04:30:00.5Z"),
        TimestampText.parse("2024-05-20T10:00:00.5+05:30"));
    assertEquals(Instant.parse("2024-05-20T10:00:00Z"),
        TimestampText.parse("2024-05-20t10:00:00z"));
    assertNull(TimestampText.parse("2024-05-20T24:00:00Z"), "left to the formatters' resolving");
    assertNull(TimestampText.parse("2024-02-30T10:00:00Z"), "left to the formatters' resolving");
    assertNull(TimestampText.parse("2024-05-20 10:00:00Z"));
    assertNull(TimestampText.parse("2024-05-20T10:00Z"));
  }

  @Test
  void writesEveryInstantAsTheFormattersDo() {
    Random random = new Random(7);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 60_000; i++) {
      long seconds = first + (long) (random.nextDouble() * (last - first));
      int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
      Instant micros = Instant.ofEpochSecond(seconds, nanos).truncatedTo(ChronoUnit.MICROS);
      String written = TimestampText.format(micros);
      assertNotNull(written, micros.toString());
      assertEquals(Timestamps.formatWithFormatter(micros), written);
    }
    for (String edge : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000001Z", "2024-02-29T12:00:00.000100Z")) {
      Instant instant = Instant.parse(edge);
      assertEquals(Timestamps.formatWithFormatter(instant), Timestamps.format(instant), edge);
    }
    for (Instant outside : List.of(Instant.parse("-0001-12-31T23:59:59Z"),
        Instant.parse("+10000-01-01T00:00:00Z"))) {
      assertNull(TimestampText.format(outside), "left to the formatters");
      assertEquals(Timestamps.formatWithFormatter(outside), Timestamps.format(outside));
    }
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
