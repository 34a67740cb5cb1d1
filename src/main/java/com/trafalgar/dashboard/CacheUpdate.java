package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.config.DashboardSettings;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.json.JsonNumbers;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /admin/cache} (API.md 4.5), validated: every field optional or {@code
 * null}; negatives and wrong types rejected with {@code loc ["body", field]} in table order; values
 * above the bounds clamped.
 *
 * @param ttlSeconds new TTL, or {@code null} to keep it
 * @param maxRecords new records cap, or {@code null}
 * @param maxProjects new projects cap, or {@code null}
 */
public record CacheUpdate(Double ttlSeconds, Integer maxRecords, Integer maxProjects) {

  /** Validates a body (empty means "just flush"); throws the 422 listing every failing field. */
  public static CacheUpdate parse(Optional<JsonNode> body) {
    if (body.isEmpty()) {
      return new CacheUpdate(null, null, null);
    }
    if (!body.get().isObject()) {
      throw new ValidationException(ValidationError.objectType(List.of("body")));
    }
    JsonNode object = body.get();
    List<ValidationError> errors = new ArrayList<>();
    Double ttl = null;
    JsonNode ttlNode = object.get("ttl_seconds");
    if (present(ttlNode)) {
      if (!ttlNode.isNumber()) {
        errors.add(ValidationError.numberType(loc("ttl_seconds")));
      } else if (ttlNode.decimalValue().signum() < 0) {
        errors.add(ValidationError.greaterThanEqual(loc("ttl_seconds"), 0));
      } else {
        ttl = Math.min(ttlNode.decimalValue().doubleValue(), DashboardSettings.MAX_TTL_SECONDS);
      }
    }
    Integer records = count(object, "max_records", DashboardSettings.MAX_RECORDS, errors);
    Integer projects = count(object, "max_projects", DashboardSettings.MAX_PROJECTS, errors);
    JsonNode flush = object.get("flush");
    if (present(flush) && !flush.isBoolean()) {
      errors.add(ValidationError.boolType(loc("flush")));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new CacheUpdate(ttl, records, projects);
  }

  /** The settings after this update. */
  public CacheSettings applyTo(CacheSettings current) {
    return new CacheSettings(
        ttlSeconds != null ? ttlSeconds : current.ttlSeconds(),
        maxRecords != null ? maxRecords : current.maxRecords(),
        maxProjects != null ? maxProjects : current.maxProjects());
  }

  private static Integer count(
      JsonNode object, String field, long max, List<ValidationError> errors) {
    JsonNode node = object.get(field);
    if (!present(node)) {
      return null;
    }
    // decided from the number's digits and exponent, never by expanding 1e-40000000
    JsonNumbers.IntegerReading value = JsonNumbers.integer(node);
    if (!value.isInteger() && value.kind() != JsonNumbers.Kind.TOO_LARGE) {
      errors.add(ValidationError.intType(loc(field)));
      return null;
    }
    if (value.signum() < 0) {
      errors.add(ValidationError.greaterThanEqual(loc(field), 0));
      return null;
    }
    if (!value.isInteger() || value.value().compareTo(BigInteger.valueOf(max)) > 0) {
      return (int) max;
    }
    return value.value().intValueExact();
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static List<String> loc(String field) {
    return List.of("body", field);
  }
}
