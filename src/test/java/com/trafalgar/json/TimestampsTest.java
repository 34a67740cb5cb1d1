package com.trafalgar.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void formatsWholeSecondsWithoutFraction() {
    assertEquals("2024-05-18T14:22:00+00:00",
        Timestamps.format(Instant.parse("2024-05-18T14:22:00Z")));
  }

  @Test
  void formatsMicrosecondsTruncated() {
    assertEquals("2024-04-15T09:30:12.481921+00:00",
        Timestamps.format(Instant.parse("2024-04-15T09:30:12.481921999Z")));
    assertEquals("2024-04-15T09:30:12.000001+00:00",
        Timestamps.format(Instant.parse("2024-04-15T09:30:12.000001Z")));
    assertEquals("2024-04-15T09:30:12+00:00",
        Timestamps.format(Instant.parse("2024-04-15T09:30:12.000000999Z")));
  }

  @Test
  void parsesOffsetsZuluAndNaive() {
    Instant expected = Instant.parse("2024-01-01T12:30:00Z");
    assertEquals(Optional.of(expected), Timestamps.parseIso("2024-01-01T12:30:00Z"));
    assertEquals(Optional.of(expected), Timestamps.parseIso("2024-01-01T12:30:00+00:00"));
    assertEquals(Optional.of(expected), Timestamps.parseIso("2024-01-01T14:30:00+02:00"));
    assertEquals(Optional.of(expected), Timestamps.parseIso("2024-01-01T12:30:00"));
    assertEquals(Optional.of(expected), Timestamps.parseIso(" 2024-01-01 12:30 "));
    assertEquals(Optional.of(Instant.parse("2024-01-01T12:30:00.123456Z")),
        Timestamps.parseIso("2024-01-01T12:30:00.123456"));
  }

  @Test
  void rejectsGarbage() {
    for (String text : new String[] {"", "yesterday", "2024-13-01T00:00:00", "2024-01-01",
        "12:30", null}) {
      assertTrue(Timestamps.parseIso(text).isEmpty(), String.valueOf(text));
    }
  }

  @Test
  void epochSecondsFromJsonNumbers() {
    assertEquals(Optional.of(Instant.parse("2024-05-20T09:00:00Z")),
        Timestamps.parseJson(JsonNodeFactory.instance.numberNode(1716195600)));
    assertEquals(Optional.of(Instant.parse("2024-05-20T09:00:00.500Z")),
        Timestamps.parseJson(JsonNodeFactory.instance.numberNode(new BigDecimal("1716195600.5"))));
    assertTrue(Timestamps.parseJson(JsonNodeFactory.instance.booleanNode(true)).isEmpty());
    assertTrue(Timestamps.parseJson(
        JsonNodeFactory.instance.numberNode(new BigDecimal("1e30"))).isEmpty());
  }

  @Test
  void epochSecondsWithHostileExponentsAreFlooredWithoutExpandingThem() {
    assertEquals(Optional.of(Instant.EPOCH), Timestamps.parseJson(HostileNumbers.tinyNode()));
    assertEquals(Optional.of(Instant.parse("1969-12-31T23:59:59.999999999Z")),
        Timestamps.parseJson(HostileNumbers.negativeTinyNode()));
    assertTrue(Timestamps.parseJson(HostileNumbers.hugeNode()).isEmpty());
    assertEquals(Optional.of(Instant.EPOCH),
        Timestamps.fromEpochSeconds(HostileNumbers.tripwire(1, 40_000_000)));
    assertEquals(Optional.of(Instant.parse("1969-12-31T23:59:58.75Z")),
        Timestamps.fromEpochSeconds(new BigDecimal("-1.25")));
    assertEquals(Optional.of(Instant.parse("2024-05-20T09:00:00.123456789Z")),
        Timestamps.fromEpochSeconds(new BigDecimal("1716195600.1234567899")));
    assertTrue(Timestamps.fromEpochSeconds(new BigDecimal("1e17")).isEmpty());
  }
}
