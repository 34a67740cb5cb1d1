package com.trafalgar.http;

import java.math.BigDecimal;
import java.util.List;

/**
 * One entry of the 422 validation body (API.md 2.3): {@code type}, {@code loc} and {@code msg}.
 * Factory methods carry the exact messages of the contract.
 */
public record ValidationError(String type, List<String> loc, String msg) {

  public ValidationError {
    loc = List.copyOf(loc);
  }

  public static ValidationError jsonInvalid() {
    return new ValidationError("json_invalid", List.of("body"), "JSON decode error");
  }

  public static ValidationError missing(List<String> loc) {
    return new ValidationError("missing", loc, "Field required");
  }

  public static ValidationError objectType(List<String> loc) {
    return new ValidationError("object_type", loc, "Input should be a valid JSON object");
  }

  public static ValidationError stringType(List<String> loc) {
    return new ValidationError("string_type", loc, "Input should be a valid string");
  }

  public static ValidationError intType(List<String> loc) {
    return new ValidationError("int_type", loc, "Input should be a valid integer");
  }

  public static ValidationError numberType(List<String> loc) {
    return new ValidationError("number_type", loc, "Input should be a valid number");
  }

  public static ValidationError boolType(List<String> loc) {
    return new ValidationError("bool_type", loc, "Input should be a valid boolean");
  }

  public static ValidationError greaterThan(List<String> loc, Number bound) {
    return new ValidationError("greater_than", loc, "Input should be greater than " + text(bound));
  }

  public static ValidationError greaterThanEqual(List<String> loc, Number bound) {
    return new ValidationError(
        "greater_than_equal", loc, "Input should be greater than or equal to " + text(bound));
  }

  public static ValidationError lessThanEqual(List<String> loc, Number bound) {
    return new ValidationError(
        "less_than_equal", loc, "Input should be less than or equal to " + text(bound));
  }

  public static ValidationError valueError(List<String> loc, String message) {
    return new ValidationError("value_error", loc, message);
  }

  private static String text(Number bound) {
    return bound instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : bound.toString();
  }
}
