package com.trafalgar.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The client position of API.md 8.5: header or query, header wins, and what counts as valid. */
class StreamPositionTest {
  @Test
  void noHeaderAndNoQueryIsAFreshConnection() {
    assertEquals(StreamPosition.ABSENT, StreamPosition.of(null, null));
  }

  @Test
  void headerOrQueryGiveThePosition() {
    assertEquals(new StreamPosition(StreamPosition.Kind.AT, 42), StreamPosition.of("42", null));
    assertEquals(new StreamPosition(StreamPosition.Kind.AT, 7), StreamPosition.of(null, "7"));
    assertEquals(new StreamPosition(StreamPosition.Kind.AT, 0), StreamPosition.of("0", null));
  }

  @Test
  void theHeaderWinsOverTheQueryEvenWhenTheHeaderIsUnusable() {
    assertEquals(new StreamPosition(StreamPosition.Kind.AT, 5), StreamPosition.of("5", "9"));
    assertEquals(StreamPosition.INVALID, StreamPosition.of("abc", "9"));
  }

  @Test
  void anythingButANonNegativeIntegerIsUnusable() {
    for (String value : new String[] {"", "-1", "1.5", "1e3", "+3", "abc", "0x10",
        "99999999999999999999999"}) {
      assertEquals(StreamPosition.INVALID, StreamPosition.of(value, null), value);
    }
  }
}
