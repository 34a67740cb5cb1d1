package com.trafalgar.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void trimsSpacesTabsLineBreaksAndUnicodeSpaces() {
    assertEquals("Animation Review", Text.trim("  Animation Review  "));
    assertEquals("Animation Review", Text.trim("\tAnimation Review\r\n"));
    assertEquals("Animation Review", Text.trim("\u00a0\u2003Animation Review\u3000\u0085"));
    assertEquals("a  b", Text.trim(" a  b "), "inner whitespace stays");
  }

  @Test
  void keepsWhatIsNotWhitespace() {
    String name = "Animation Review";
    assertSame(name, Text.trim(name));
    assertEquals("\u0000x", Text.trim("\u0000x"), "a NUL is not whitespace");
    assertEquals("\u200bx", Text.trim("\u200bx"), "a zero-width space is not whitespace");
    assertNull(Text.trim(null));
  }

  @Test
  void blankMeansNothingButWhitespace() {
    assertTrue(Text.isBlank(null));
    assertTrue(Text.isBlank(""));
    assertTrue(Text.isBlank(" \t\u00a0\n"));
    assertFalse(Text.isBlank(" x "));
  }

  @Test
  void wordsAreSplitOnAnyWhitespace() {
    assertEquals(java.util.List.of("render:read", "render:submit,x"),
        Text.words(" render:read\t\u00a0render:submit,x\n"));
    assertEquals(java.util.List.of(), Text.words(" \t "));
  }
}
