package com.trafalgar.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnreadBodyFilterTest {
  @Test
  void aBodyIsAnnouncedByItsFraming() {
    assertTrue(UnreadBodyFilter.declaresBody("2097152", null));
    assertTrue(UnreadBodyFilter.declaresBody(" 1 ", null));
    assertTrue(UnreadBodyFilter.declaresBody(null, "chunked"));
    assertTrue(UnreadBodyFilter.declaresBody("0", "chunked"));
    assertTrue(UnreadBodyFilter.declaresBody("twelve", null));
  }

  @Test
  void noFramingOrZeroLengthIsNoBody() {
    // an Upgrade request the server declined is one of these: its body is not the connection
    assertFalse(UnreadBodyFilter.declaresBody(null, null));
    assertFalse(UnreadBodyFilter.declaresBody("0", null));
    assertFalse(UnreadBodyFilter.declaresBody(" ", ""));
  }
}
