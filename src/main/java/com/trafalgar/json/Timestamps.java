package com.trafalgar.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads and writes the timestamps of API.md 2.6: UTC, explicit {@code +00:00}, microsecond precision
 * (truncated), six fraction digits only when the sub-second part is non-zero.
 */
public final class Timestamps {

  private static final DateTimeFormatter WHOLE_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'+00:00'");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");

  /** ISO date-time with optional fraction, optional offset (Z, +hh:mm, +hhmm, +hh). */
  private static final DateTimeFormatter LENIENT_ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter();

  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  /** The first and last instants whose UTC year has the four digits 2.6 writes. */
  private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Timestamps() {}

  /** Formats an instant as API.md 2.6 requires; {@code null} stays {@code null}. */
  public static String format(Instant instant) {
    if (instant == null) {
      return null;
    }
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    String usual = TimestampText.format(micros);
    return usual != null ? usual : formatWithFormatter(micros);
  }

  /** What {@link #format} writes without the hand-written fast path (and its reference). */
  static String formatWithFormatter(Instant micros) {
    OffsetDateTime utc = micros.atOffset(ZoneOffset.UTC);
    return utc.getNano() == 0 ? WHOLE_SECONDS.format(utc) : MICROS.format(utc);
  }

  /** The current instant truncated to microseconds, the precision every written timestamp has. */
  public static Instant truncate(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Parses an ISO-8601 string with any offset, {@code Z} or none (taken as UTC). Returns empty for
   * anything else.
   */
  public static Optional<Instant> parseIso(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.trim();
    if (value.isEmpty() || value.length() > 64) {
      return Optional.empty();
    }
    Instant usual = TimestampText.parse(value);
    return usual != null ? writable(usual) : parseWithFormatter(value);
  }

  /** What {@link #parseIso} reads without the hand-written fast path (and its reference). */
  static Optional<Instant> parseWithFormatter(String value) {
    try {
      var parsed = LENIENT_ISO.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime odt) {
        return writable(odt.toInstant());
      }
      return writable(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * Only instants that {@link #format} writes in the shape of 2.6: a year such as {@code +10000}
   * (which ISO-8601 allows with a sign) would come out as {@code +10000-01-01T...}, no valid
   * timestamp for a client, so it counts as invalid when read.
   */
  private static Optional<Instant> writable(Instant instant) {
    return instant.isBefore(FIRST) || instant.isAfter(LAST)
        ? Optional.empty()
        : Optional.of(instant);
  }

  /**
   * Epoch seconds (fractions allowed) to an instant; empty when out of range. Fractions finer than
   * a nanosecond are floored ({@link JsonNumbers#floor}), so an exponent such as {@code
   * 1e-40000000} costs no more than {@code 0}.
   */
  public static Optional<Instant> fromEpochSeconds(BigDecimal seconds) {
    // Instant spans about 3.2e16 seconds either side of the epoch: 19 digits leave room to spare
    Optional<BigDecimal> floored = JsonNumbers.floor(seconds, 19, 9);
    if (floored.isEmpty()) {
      return Optional.empty();
    }
    BigInteger[] split = floored.get().unscaledValue().divideAndRemainder(NANOS_PER_SECOND);
    if (split[1].signum() < 0) {
      split[0] = split[0].subtract(BigInteger.ONE);
      split[1] = split[1].add(NANOS_PER_SECOND);
    }
    try {
      return writable(Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValue()));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a JSON value that may be an ISO string or epoch seconds (a JSON number). Booleans,
   * objects and arrays are not timestamps.
   */
  public static Optional<Instant> parseJson(com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      return parseIso(node.textValue());
    }
    if (node.isNumber()) {
      Optional<BigDecimal> seconds = JsonNumbers.floor(node, 19, 9);
      return seconds.isEmpty() ? Optional.empty() : fromEpochSeconds(seconds.get());
    }
    return Optional.empty();
  }
}
