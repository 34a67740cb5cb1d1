package com.trafalgar.text;

import java.util.ArrayList;
import java.util.List;

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

  /** The non-empty runs of {@code value} between whitespace, in order ("split on whitespace"). */
  public static List<String> words(String value) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= value.length(); i++) {
      boolean space = i == value.length() || isWhitespace(value.charAt(i));
      if (space && start >= 0) {
        words.add(value.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return words;
  }

  /** Whitespace for trimming: every Unicode space separator, and the ASCII and Unicode breaks. */
  public static boolean isWhitespace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == NEXT_LINE;
  }
}
