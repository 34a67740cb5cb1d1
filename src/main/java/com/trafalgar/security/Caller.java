package com.trafalgar.security;

import java.util.Set;

/**
 * Who made a request to a protected route: the operator (dashboard token) or a service credential.
 *
 * @param identifier {@code operator} or the credential's id; safe to log
 * @param roles the roles held
 */
public record Caller(String identifier, Set<String> roles) {
  public static final Caller OPERATOR = new Caller("operator", Role.ALL);

  public Caller {
    roles = Set.copyOf(roles);
  }

  public boolean holdsAll(Set<String> required) {
    return roles.containsAll(required);
  }
}
