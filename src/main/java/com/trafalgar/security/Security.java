package com.trafalgar.security;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.SecuritySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The application's one {@link Authenticator}, built once at startup from the security settings
 * (configuration changes need a restart, API.md 3.1).
 */
@ApplicationScoped
public class Security {
  private final ConfigReader config;
  private Authenticator authenticator;

  @Inject
  public Security(ConfigReader config) {
    this.config = config;
  }

  /** For CDI proxies only. */
  protected Security() {
    this.config = null;
  }

  @PostConstruct
  void load() {
    authenticator = new Authenticator(CredentialStore.load(SecuritySettings.from(config)));
  }

  public Authenticator authenticator() {
    return authenticator;
  }
}
