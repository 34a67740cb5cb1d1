package com.trafalgar.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Security variables of API.md 3 and 10, read once at startup. Holds raw credential sources; the
 * {@code security} package parses them. {@link #toString()} never shows secrets.
 *
 * @param dashboardToken {@code TRAFALGAR_DASHBOARD_TOKEN}, empty when unset or blank
 * @param inlineCredentials {@code TRAFALGAR_SERVICE_CREDENTIALS}
 * @param credentialFile {@code TRAFALGAR_SERVICE_CREDENTIAL_FILE}
 * @param apiKeyHeader {@code TRAFALGAR_API_KEY_HEADER} (default {@code X-API-Key})
 * @param apiSecretHeader {@code TRAFALGAR_API_SECRET_HEADER} (default {@code X-API-Secret})
 */
public record SecuritySettings(
    Optional<String> dashboardToken,
    Optional<String> inlineCredentials,
    Optional<Path> credentialFile,
    String apiKeyHeader,
    String apiSecretHeader) {

  public static final String DEFAULT_API_KEY_HEADER = "X-API-Key";
  public static final String DEFAULT_API_SECRET_HEADER = "X-API-Secret";

  /** Reads the security variables. */
  public static SecuritySettings from(ConfigReader config) {
    return new SecuritySettings(
        config.string("TRAFALGAR_DASHBOARD_TOKEN"),
        config.string("TRAFALGAR_SERVICE_CREDENTIALS"),
        config.path("TRAFALGAR_SERVICE_CREDENTIAL_FILE"),
        config.string("TRAFALGAR_API_KEY_HEADER").orElse(DEFAULT_API_KEY_HEADER),
        config.string("TRAFALGAR_API_SECRET_HEADER").orElse(DEFAULT_API_SECRET_HEADER));
  }

  @Override
  public String toString() {
    return "SecuritySettings[dashboardToken="
        + (dashboardToken.isPresent() ? "<set>" : "<unset>")
        + ", inlineCredentials="
        + (inlineCredentials.isPresent() ? "<set>" : "<unset>")
        + ", credentialFile="
        + credentialFile.map(Path::toString).orElse("<unset>")
        + ", apiKeyHeader="
        + apiKeyHeader
        + ", apiSecretHeader="
        + apiSecretHeader
        + "]";
  }
}
