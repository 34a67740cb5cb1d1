package com.trafalgar.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The usual shapes of an ISO-8601 timestamp, read and written by hand: the service's own
 * ({@code 2024-05-20T10:00:00.123456+00:00}, API.md 2.6) and {@code Z} or {@code ±HH:MM} offsets.
 * Every job record and registry run carries two to five timestamps, and a {@code
 * DateTimeFormatter} takes about 1.5 µs to read one (0.3 µs to write one; docs/benchmarks.md,
 * JMH). {@link Timestamps} tries this first and falls back to its formatters for any other shape
 * or any field out of range, so this makes the usual case cheap and never changes an answer
 * ({@code TimestampTextTest} and the fuzz test compare the two).
 */
final class TimestampText {
  private static final int DATE_TIME = 19; // yyyy-MM-ddTHH:mm:ss

  private TimestampText() {}

  /**
   * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, and {@code Z}, {@code
   * ±HH:MM} or nothing (UTC); {@code null} for any other shape and for any field out of its range
   * (the formatters then decide: they resolve, for instance, {@code 24:00:00}).
   */
  static Instant parse(String text) {
    int length = text.length();
    if (length < DATE_TIME || !dateTimeShape(text)) {
      return null;
    }
    int at = DATE_TIME;
    int nanos = 0;
    if (at < length && text.charAt(at) == '.') {
      int digits = 0;
      at++;
      while (at < length && isDigit(text.charAt(at))) {
        if (++digits > 9) {
          return null;
        }
        nanos = nanos * 10 + (text.charAt(at) - '0');
        at++;
      }
      if (digits == 0) {
        return null;
      }
      for (int pad = digits; pad < 9; pad++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset = offset(text, at);
    if (offset == null) {
      return null;
    }
    try {
      LocalDateTime local = LocalDateTime.of(number(text, 0, 4), number(text, 5, 2),
          number(text, 8, 2), number(text, 11, 2), number(text, 14, 2), number(text, 17, 2), nanos);
      return Instant.ofEpochSecond(local.toEpochSecond(offset), nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * The shape of API.md 2.6 for an instant already truncated to microseconds; {@code null} for a
   * year outside 0000–9999 (the formatters write those).
   */
  static String format(Instant instant) {
    int nanos = instant.getNano();
    LocalDateTime utc;
    try {
      utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), nanos, ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
    int year = utc.getYear();
    if (year < 0 || year > 9999) {
      return null;
    }
    char[] out = new char[nanos == 0 ? 25 : 32];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, utc.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, utc.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, utc.getHour(), 2);
    out[13] = ':';
    digits(out, 14, utc.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, utc.getSecond(), 2);
    int at = DATE_TIME;
    if (nanos != 0) {
      out[at] = '.';
      digits(out, at + 1, nanos / 1000, 6);
      at += 7;
    }
    "+00:00".getChars(0, 6, out, at);
    return new String(out);
  }

  private static boolean dateTimeShape(String text) {
    for (int i = 0; i < DATE_TIME; i++) {
      char c = text.charAt(i);
      boolean fits = switch (i) {
        case 4, 7 -> c == '-';
        case 10 -> c == 'T' || c == 't';
        case 13, 16 -> c == ':';
        default -> isDigit(c);
      };
      if (!fits) {
        return false;
      }
    }
    return true;
  }

  /** The offset that ends the text at {@code at}; {@code null} when something else is there. */
  private static ZoneOffset offset(String text, int at) {
    int left = text.length() - at;
    if (left == 0) {
      return ZoneOffset.UTC;
    }
    char sign = text.charAt(at);
    if (left == 1) {
      return sign == 'Z' || sign == 'z' ? ZoneOffset.UTC : null;
    }
    if (left != 6 || (sign != '+' && sign != '-') || text.charAt(at + 3) != ':'
        || !isDigit(text.charAt(at + 1)) || !isDigit(text.charAt(at + 2))
        || !isDigit(text.charAt(at + 4)) || !isDigit(text.charAt(at + 5))) {
      return null;
    }
    int hours = number(text, at + 1, 2);
    int minutes = number(text, at + 4, 2);
    if (hours > 18 || minutes > 59) {
      return null;
    }
    try {
      return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes)
          : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int number(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  private static void digits(char[] out, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
