package com.trafalgar.ingest;

import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.text.Text;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code limit} query parameter of {@code GET /ingest/runs} (API.md 6.2). */
public final class RunLimit {
  public static final int DEFAULT = 20;
  public static final int MIN = 1;
  public static final int MAX = 100;

  private static final List<String> LOC = List.of("query", "limit");
  private static final Pattern DECIMAL_INTEGER = Pattern.compile("[+-]?[0-9]+");

  private RunLimit() {}

  /**
   * The limit to use; {@code null} (absent) is the default. Anything but a decimal integer is
   * {@code int_type}; out-of-range values name their bound.
   *
   * @throws ValidationException the 422 of 2.3 with {@code loc ["query","limit"]}
   */
  public static int parse(String raw) {
    if (raw == null) {
      return DEFAULT;
    }
    String text = Text.trim(raw);
    if (!DECIMAL_INTEGER.matcher(text).matches()) {
      throw new ValidationException(ValidationError.intType(LOC));
    }
    BigInteger value = new BigInteger(text);
    if (value.compareTo(BigInteger.valueOf(MIN)) < 0) {
      throw new ValidationException(ValidationError.greaterThanEqual(LOC, MIN));
    }
    if (value.compareTo(BigInteger.valueOf(MAX)) > 0) {
      throw new ValidationException(ValidationError.lessThanEqual(LOC, MAX));
    }
    return value.intValueExact();
  }
}
