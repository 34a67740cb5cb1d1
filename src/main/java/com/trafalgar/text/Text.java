package com.trafalgar.text;

/**
 * What "trimmed" and "blank" mean wherever the API reference uses the words: surrounding
 * whitespace removed, where whitespace is any Unicode space or line separator (space, tab, line
 * breaks, no-break spaces, the ideographic space, ...). One definition, so a name trimmed for a
 * listing is the same name a lookup compares.
 */
public final class Text {
  private static final char NEXT_LINE = '\u0085';

  private Text() {}

  /** {@code value} without leading and trailing whitespace; {@code null} stays {@code null}. */
  public static String trim(String value) {
    if (value == null) {
      return null;
    }
    int start = 0;
    int end = value.length();
    while (start < end && isWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  /** Whether {@code value} is {@code null} or nothing but whitespace. */
  public static boolean isBlank(String value) {
    return value == null || trim(value).isEmpty();
  }

  /** Whitespace for trimming: every Unicode space separator, and the ASCII and Unicode breaks. */
  public static boolean isWhitespace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == NEXT_LINE;
  }
}
