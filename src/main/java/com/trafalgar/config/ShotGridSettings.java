package com.trafalgar.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * ShotGrid variables of API.md 9.2.1 and 10, read once. Each setting takes its value independently
 * from its own variables (15): {@code ONEPIECE_SHOTGRID_SCRIPT} with {@code SHOTGRID_KEY} is a
 * complete configuration. With only one or two of the three set, an error is logged and ShotGrid
 * counts as not configured.
 *
 * <p>{@link #toString()} never shows the script key.
 *
 * @param url site URL without a trailing {@code /}; empty when unset
 * @param script script name; empty when unset
 * @param key script key (secret); empty when unset
 * @param connectTimeoutSeconds {@code TRAFALGAR_SHOTGRID_CONNECT_TIMEOUT}, &gt; 0 (default 5)
 * @param requestTimeoutSeconds {@code TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT}, &gt; 0 (default 10):
 *     the time budget of one logical call, retries included
 */
public record ShotGridSettings(
    Optional<String> url,
    Optional<String> script,
    Optional<String> key,
    double connectTimeoutSeconds,
    double requestTimeoutSeconds) {
  private static final Logger LOG = Logger.getLogger(ShotGridSettings.class.getName());

  public static ShotGridSettings from(ConfigReader config) {
    ShotGridSettings settings =
        new ShotGridSettings(
            config
                .firstString("ONEPIECE_SHOTGRID_URL", "SHOTGRID_URL")
                .map(ShotGridSettings::withoutTrailingSlash),
            config.firstString("ONEPIECE_SHOTGRID_SCRIPT", "SHOTGRID_SCRIPT"),
            config.firstString("ONEPIECE_SHOTGRID_KEY", "SHOTGRID_KEY"),
            config.positiveSeconds("TRAFALGAR_SHOTGRID_CONNECT_TIMEOUT", 5),
            config.positiveSeconds("TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT", 10));
    if (settings.partiallyConfigured()) {
      LOG.severe(
          () ->
              "ShotGrid is only partly configured (missing "
                  + String.join(", ", settings.missing())
                  + "); ShotGrid counts as not configured.");
    }
    return settings;
  }

  /** URL, script name and script key are all set. */
  public boolean configured() {
    return url.isPresent() && script.isPresent() && key.isPresent();
  }

  /** One or two of the three settings are set. */
  public boolean partiallyConfigured() {
    return !configured() && (url.isPresent() || script.isPresent() || key.isPresent());
  }

  private List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (url.isEmpty()) {
      missing.add("site URL");
    }
    if (script.isEmpty()) {
      missing.add("script name");
    }
    if (key.isEmpty()) {
      missing.add("script key");
    }
    return missing;
  }

  @Override
  public String toString() {
    return "ShotGridSettings[url=" + url.orElse("") + ", script=" + script.orElse("")
        + ", key=" + (key.isPresent() ? "<set>" : "<unset>")
        + ", connectTimeoutSeconds=" + connectTimeoutSeconds
        + ", requestTimeoutSeconds=" + requestTimeoutSeconds + "]";
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
