package com.trafalgar.events;

import com.trafalgar.text.Text;
import java.util.regex.Pattern;

/**
 * Where an SSE client says it is (API.md 8.5): the {@code Last-Event-ID} header, or else the
 * {@code last_event_id} query parameter; the header wins whenever it is present.
 *
 * @param kind absent (fresh connection), invalid (resync) or at an id
 * @param id the position when {@code kind} is {@link Kind#AT}
 */
public record StreamPosition(Kind kind, long id) {
  /** What the client sent. */
  public enum Kind { ABSENT, INVALID, AT }

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  public static final StreamPosition ABSENT = new StreamPosition(Kind.ABSENT, 0);
  public static final StreamPosition INVALID = new StreamPosition(Kind.INVALID, 0);

  /**
   * @param header the {@code Last-Event-ID} header value, or null when the header is missing
   * @param query the {@code last_event_id} query value, or null when the parameter is missing
   */
  public static StreamPosition of(String header, String query) {
    String value = header != null ? header : query;
    if (value == null) {
      return ABSENT;
    }
    String trimmed = Text.trim(value);
    if (!DIGITS.matcher(trimmed).matches()) {
      return INVALID;
    }
    try {
      return new StreamPosition(Kind.AT, Long.parseLong(trimmed));
    } catch (NumberFormatException tooLarge) {
      // larger than any id ever given: X > L
      return INVALID;
    }
  }
}
