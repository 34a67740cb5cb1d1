package com.trafalgar.security;

import java.util.Set;

/**
 * What a route requires (API.md 3.6).
 *
 * @param kind public, dashboard token, dashboard token checked softly, or service roles
 * @param roles the roles a service caller must hold (kind {@code ROLES})
 * @param stream whether {@code ?access_token=} is accepted (stream routes only, 3.7)
 */
public record Access(Kind kind, Set<String> roles, boolean stream) {

  /** The kinds of protection a route can have. */
  public enum Kind {
    PUBLIC,
    /** public, but a valid dashboard token changes the answer (4.10) */
    DASHBOARD_SOFT,
    DASHBOARD_TOKEN,
    ROLES
  }

  public Access {
    roles = Set.copyOf(roles);
  }

  public static final Access PUBLIC = new Access(Kind.PUBLIC, Set.of(), false);
  public static final Access DASHBOARD_SOFT = new Access(Kind.DASHBOARD_SOFT, Set.of(), false);
  public static final Access DASHBOARD_TOKEN = new Access(Kind.DASHBOARD_TOKEN, Set.of(), false);

  public static Access roles(String... roles) {
    return new Access(Kind.ROLES, Set.of(roles), false);
  }

  public static Access streamRoles(String... roles) {
    return new Access(Kind.ROLES, Set.of(roles), true);
  }
}
