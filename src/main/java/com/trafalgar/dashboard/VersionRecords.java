package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.json.JsonNumbers;
import com.trafalgar.json.Timestamps;
import com.trafalgar.source.ProjectNames;
import com.trafalgar.text.Text;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-record rules of API.md 9.4.2 and 9.4.3: how one version record's project, shot, status,
 * episode, version label, user and timestamp are read.
 */
public final class VersionRecords {
  private VersionRecords() {}

  /** The record's project name (9.4.1), or {@code null}. */
  public static String project(JsonNode record) {
    return ProjectNames.of(record.get("project")).orElse(null);
  }

  /** The record's shot, trimmed; {@code null} when absent or blank. */
  public static String shot(JsonNode record) {
    return text(record.get("shot"));
  }

  /**
   * Canonical status (9.4.2): trimmed and lower-cased; empty or null is {@code unknown}; {@code
   * apr…} is {@code approved}; {@code pub…} and {@code final…} are {@code published}.
   */
  public static String status(JsonNode record) {
    String raw = text(record.get("status"));
    if (raw == null) {
      return "unknown";
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.startsWith("apr")) {
      return "approved";
    }
    if (lower.startsWith("pub") || lower.startsWith("final")) {
      return "published";
    }
    return lower;
  }

  /**
   * Episode (9.4.3): a non-blank {@code episode}, else the shot up to its first {@code _}, else
   * {@code null}.
   */
  public static String episode(JsonNode record) {
    String episode = text(record.get("episode"));
    if (episode != null) {
      return episode;
    }
    String shot = shot(record);
    if (shot == null) {
      return null;
    }
    int underscore = shot.indexOf('_');
    String prefix = underscore < 0 ? shot : shot.substring(0, underscore);
    return prefix.isEmpty() ? null : prefix;
  }

  /**
   * Version label (9.4.3): the first non-null of {@code version}, {@code code}, {@code
   * version_number}; integral numbers ({@code 7}, {@code 7.0}) become {@code v007}; strings are
   * trimmed; other values are their JSON text.
   */
  public static String versionLabel(JsonNode record) {
    for (String key : new String[] {"version", "code", "version_number"}) {
      JsonNode value = record.get(key);
      if (value != null && !value.isNull()) {
        return label(value);
      }
    }
    return null;
  }

  /** One version value as a label: integral numbers {@code v} + at least three digits. */
  public static String label(JsonNode value) {
    if (value.isNumber()) {
      // 1e-40000000 is a fraction and 1e40000000 too large, decided without expanding either
      JsonNumbers.IntegerReading integral = JsonNumbers.integer(value);
      if (integral.isInteger()) {
        String digits = integral.value().abs().toString();
        String padded = digits.length() >= 3 ? digits : "0".repeat(3 - digits.length()) + digits;
        return "v" + (integral.signum() < 0 ? "-" : "") + padded;
      }
      return value.toString();
    }
    if (value.isTextual()) {
      return Text.trim(value.textValue());
    }
    return value.toString();
  }

  /** User (9.4.3): a trimmed string, or an object's {@code name}; blank is {@code null}. */
  public static String user(JsonNode record) {
    JsonNode user = record.get("user");
    if (user != null && user.isObject()) {
      user = user.get("name");
    }
    return user != null && user.isTextual() && !Text.isBlank(user.textValue())
        ? Text.trim(user.textValue())
        : null;
  }

  /** The raw timestamp value: the first non-null of the four timestamp keys (9.4.3). */
  private static JsonNode rawTimestamp(JsonNode record) {
    for (String key : new String[] {"timestamp", "published_at", "updated_at", "created_at"}) {
      JsonNode value = record.get(key);
      if (value != null && !value.isNull()) {
        return value;
      }
    }
    return null;
  }

  /** The parsed timestamp, or {@code null} when missing or unparsable. */
  public static Instant instant(JsonNode record) {
    JsonNode raw = rawTimestamp(record);
    return raw == null ? null : Timestamps.parseJson(raw).orElse(null);
  }

  /**
   * The timestamp as written (9.4.3): normalised (2.6) when it parses, an unparsable string echoed
   * unchanged, {@code null} when missing.
   */
  public static String timestamp(JsonNode record) {
    JsonNode raw = rawTimestamp(record);
    if (raw == null) {
      return null;
    }
    Optional<Instant> parsed = Timestamps.parseJson(raw);
    if (parsed.isPresent()) {
      return Timestamps.format(parsed.get());
    }
    return raw.isTextual() ? raw.textValue() : raw.toString();
  }

  /** A string trimmed (blank is {@code null}); a number or boolean its JSON text. */
  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isTextual()) {
      String trimmed = Text.trim(value.textValue());
      return trimmed.isEmpty() ? null : trimmed;
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.toString();
    }
    return null;
  }
}
