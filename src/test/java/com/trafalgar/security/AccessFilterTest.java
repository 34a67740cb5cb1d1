package com.trafalgar.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The {@code Cache-Control} of answers to routes that need a credential. */
class AccessFilterTest {

  @Test
  void noStoreIsAddedOnceAndKeepsWhatTheRouteSaid() {
    assertEquals("no-store", AccessFilter.noStore(null));
    assertEquals("no-store", AccessFilter.noStore(" "));
    assertEquals("no-cache, no-store", AccessFilter.noStore("no-cache"));
    assertEquals("No-Store", AccessFilter.noStore("No-Store"));
    assertEquals("private, no-store", AccessFilter.noStore("private, no-store"));
  }
}
