package com.trafalgar.config;

import com.trafalgar.text.Text;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Reads the service's variables (API.md 10) from one lookup function: values are trimmed, empty
 * means unset, and each unusable value is logged once with the variable's name and what replaces
 * it. Secret variables are never echoed. Each feature's settings record is built from one reader,
 * once, at startup.
 */
public final class ConfigReader {
  private static final Logger LOG = Logger.getLogger(ConfigReader.class.getName());
  /** The largest decimal exponent, either sign, a decimal setting may have. */
  static final int MAX_SCALE = 1000;

  private final Function<String, Optional<String>> lookup;

  /**
   * @param lookup returns the raw value of a name as the configuration holds it; see {@link
   *     MicroProfileSettings#lookup()} for the production lookup
   */
  public ConfigReader(Function<String, Optional<String>> lookup) {
    this.lookup = lookup;
  }

  /** The value of {@code name} (e.g. {@code TRAFALGAR_RENDER_JOBS_PATH}), trimmed; empty = unset. */
  public Optional<String> string(String name) {
    Optional<String> exact = lookup.apply(name).map(Text::trim).filter(v -> !v.isEmpty());
    if (exact.isPresent()) {
      return exact;
    }
    String dotted = name.toLowerCase(Locale.ROOT).replace('_', '.');
    return lookup.apply(dotted).map(Text::trim).filter(v -> !v.isEmpty());
  }

  /** The first set variable among {@code names} (aliases such as SHOTGRID_URL). */
  public Optional<String> firstString(String... names) {
    for (String name : names) {
      Optional<String> value = string(name);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** A path; a leading {@code ~} is the server account's home directory. */
  public Optional<Path> path(String name) {
    return string(name).map(ConfigReader::expandHome);
  }

  /** A path with a default (which may itself start with {@code ~}). */
  public Path path(String name, String defaultValue) {
    return path(name).orElseGet(() -> expandHome(defaultValue));
  }

  /** {@code true}/{@code false} case-insensitively; anything else is {@code false} (logged). */
  public boolean flag(String name) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return false;
    }
    if (value.get().equalsIgnoreCase("true")) {
      return true;
    }
    if (!value.get().equalsIgnoreCase("false")) {
      invalid(name, value.get(), "false");
    }
    return false;
  }

  /** A decimal number, or empty when unset; an unparsable value is logged and treated as unset. */
  public Optional<BigDecimal> decimal(String name, String replacementDescription) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      BigDecimal parsed = new BigDecimal(value.get());
      // 1e-40000000 is short, but rescaling it (longValue, setScale, toPlainString) takes
      // minutes: no setting needs an exponent beyond a thousand digits
      if (Math.abs((long) parsed.scale()) > MAX_SCALE) {
        throw new NumberFormatException("exponent out of range");
      }
      return Optional.of(parsed);
    } catch (NumberFormatException e) {
      invalid(name, value.get(), replacementDescription);
      return Optional.empty();
    }
  }

  /**
   * A whole number ({@code 2.5} is unparsable), or empty when unset; an unparsable value is logged
   * and treated as unset.
   */
  public Optional<BigDecimal> integer(String name, String replacementDescription) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(new java.math.BigInteger(value.get())));
    } catch (NumberFormatException e) {
      invalid(name, value.get(), replacementDescription);
      return Optional.empty();
    }
  }

  /**
   * Seconds as a double with the common rule "unparsable → default". Callers apply their own
   * range rules with {@link #invalid} / {@link #clamped}.
   */
  public double seconds(String name, double defaultValue) {
    return decimal(name, "the default " + defaultValue).map(BigDecimal::doubleValue)
        .orElse(defaultValue);
  }

  /** Seconds &gt; 0; unset gives {@code defaultValue}, and so does anything else (logged). */
  public double positiveSeconds(String name, double defaultValue) {
    BigDecimal value = decimal(name, "the default " + defaultValue).orElse(null);
    if (value == null) {
      return defaultValue;
    }
    if (value.signum() <= 0) {
      invalid(name, value.toPlainString(), "the default " + defaultValue);
      return defaultValue;
    }
    return value.doubleValue();
  }

  /** Logs once that a value could not be used and what replaces it. */
  public void invalid(String name, String value, String replacement) {
    LOG.warning(
        () ->
            String.format(
                "Ignoring invalid value '%s' for %s; using %s instead.",
                sanitise(value), name, replacement));
  }

  /** Logs once that a value was clamped into its range. */
  public void clamped(String name, Object value, Object replacement) {
    LOG.warning(
        () ->
            String.format(
                "Value %s for %s is out of range; clamped to %s.",
                sanitise(String.valueOf(value)), name, replacement));
  }

  /** Replaces a leading {@code ~} with the home directory of the server account. */
  public static Path expandHome(String path) {
    if (path.equals("~")) {
      return Path.of(System.getProperty("user.home"));
    }
    if (path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), path.substring(2));
    }
    return Path.of(path);
  }

  private static String sanitise(String value) {
    String oneLine = value.replaceAll("[\\r\\n\\t]", " ");
    return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
  }
}
