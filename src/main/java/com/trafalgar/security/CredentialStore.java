package com.trafalgar.security;

import com.trafalgar.config.SecuritySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The configured credentials, read once at startup (API.md 3.1–3.4): the dashboard token and the
 * usable service credentials. Only SHA-256 digests of secrets are kept; every lookup compares
 * against every entry in constant time per entry.
 */
public final class CredentialStore {
  private static final Logger LOG = Logger.getLogger(CredentialStore.class.getName());

  /** A usable entry with digests of its secrets. */
  record Entry(ServiceCredential credential, byte[] keyDigest, byte[] secretDigest,
      byte[] bearerDigest) {}

  private final byte[] dashboardTokenDigest;
  private final List<Entry> entries;
  private final String apiKeyHeader;
  private final String apiSecretHeader;

  CredentialStore(Optional<String> dashboardToken, List<ServiceCredential> credentials,
      String apiKeyHeader, String apiSecretHeader) {
    this.dashboardTokenDigest = dashboardToken.map(Secrets::digest).orElse(null);
    this.apiKeyHeader = apiKeyHeader;
    this.apiSecretHeader = apiSecretHeader;
    List<Entry> usable = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (ServiceCredential credential : credentials) {
      boolean duplicateKey = credential.apiKey().map(keys::contains).orElse(false);
      boolean duplicateToken = credential.bearerToken().map(tokens::contains).orElse(false);
      if (duplicateKey || duplicateToken) {
        LOG.severe(() -> "Skipping service credential '" + credential.identifier()
            + "': its " + (duplicateKey ? "API key" : "bearer token")
            + " is already used by an earlier entry.");
        continue;
      }
      credential.apiKey().ifPresent(keys::add);
      credential.bearerToken().ifPresent(tokens::add);
      usable.add(new Entry(credential,
          credential.apiKey().map(Secrets::digest).orElse(null),
          credential.apiSecret().map(Secrets::digest).orElse(null),
          credential.bearerToken().map(Secrets::digest).orElse(null)));
    }
    this.entries = Collections.unmodifiableList(usable);
  }

  /** Builds the store from the settings, logging every problem once (never a secret). */
  public static CredentialStore load(SecuritySettings settings) {
    List<ServiceCredential> credentials = new ArrayList<>();
    settings.inlineCredentials().ifPresent(json ->
        credentials.addAll(parseLogged("TRAFALGAR_SERVICE_CREDENTIALS", json)));
    settings.credentialFile().ifPresent(path -> {
      String source = "TRAFALGAR_SERVICE_CREDENTIAL_FILE (" + path + ")";
      try {
        credentials.addAll(parseLogged(source,
            Files.readString(path, StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException e) {
        LOG.severe(() -> "Cannot read service credentials from " + source + ": "
            + e.getClass().getSimpleName() + "; ignoring them.");
      }
    });
    CredentialStore store = new CredentialStore(settings.dashboardToken(), credentials,
        settings.apiKeyHeader(), settings.apiSecretHeader());
    LOG.info(() -> "Security: dashboard token " + (store.dashboardTokenConfigured() ? "set" : "not set")
        + ", " + store.entries.size() + " usable service credential(s).");
    return store;
  }

  private static List<ServiceCredential> parseLogged(String source, String json) {
    ServiceCredentialParser.Result result = ServiceCredentialParser.parse(source, json);
    result.problems().forEach(LOG::severe);
    return result.credentials();
  }

  public boolean dashboardTokenConfigured() {
    return dashboardTokenDigest != null;
  }

  /** True when the dashboard token or any usable service credential exists (API.md 3.5 step 1). */
  public boolean anyServiceAuthentication() {
    return dashboardTokenDigest != null || !entries.isEmpty();
  }

  public boolean isDashboardToken(String token) {
    return dashboardTokenDigest != null && Secrets.matches(token, dashboardTokenDigest);
  }

  /** The entry whose bearer token equals {@code token}. Every entry is compared. */
  Optional<Entry> byBearer(String token) {
    byte[] presented = Secrets.digest(token);
    Entry found = null;
    for (Entry entry : entries) {
      if (entry.bearerDigest() != null
          && java.security.MessageDigest.isEqual(presented, entry.bearerDigest())
          && found == null) {
        found = entry;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The entry whose API key equals {@code key}. Every entry is compared. */
  Optional<Entry> byApiKey(String key) {
    byte[] presented = Secrets.digest(key);
    Entry found = null;
    for (Entry entry : entries) {
      if (entry.keyDigest() != null
          && java.security.MessageDigest.isEqual(presented, entry.keyDigest())
          && found == null) {
        found = entry;
      }
    }
    return Optional.ofNullable(found);
  }

  public String apiKeyHeader() {
    return apiKeyHeader;
  }

  public String apiSecretHeader() {
    return apiSecretHeader;
  }

  /** Number of usable service credentials (for health and logs). */
  public int serviceCredentialCount() {
    return entries.size();
  }
}
