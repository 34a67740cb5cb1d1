package com.trafalgar.security;

import java.util.Optional;
import java.util.Set;

/**
 * One configured service credential (API.md 3.4). {@link #toString()} shows the id and roles only,
 * so an entry can be logged without leaking its key, secret or token.
 */
public record ServiceCredential(
    String identifier,
    Optional<String> apiKey,
    Optional<String> apiSecret,
    Optional<String> bearerToken,
    Set<String> roles,
    Optional<String> description) {

  public ServiceCredential {
    roles = Set.copyOf(roles);
  }

  @Override
  public String toString() {
    return "ServiceCredential[identifier=" + identifier + ", roles=" + roles + "]";
  }
}
