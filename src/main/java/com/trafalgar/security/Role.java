package com.trafalgar.security;

import java.util.Set;

/** The roles of API.md 3.3 and 3.6. */
public final class Role {
  public static final String RENDER_READ = "render:read";
  public static final String RENDER_SUBMIT = "render:submit";
  public static final String RENDER_MANAGE = "render:manage";
  public static final String INGEST_READ = "ingest:read";
  public static final String REVIEW_READ = "review:read";
  /** Reserved for future administrative routes; no route requires it in this version. */
  public static final String ADMIN = "admin";

  /** Every role: what the operator (dashboard token on render/ingest/review routes) holds. */
  public static final Set<String> ALL =
      Set.of(RENDER_READ, RENDER_SUBMIT, RENDER_MANAGE, INGEST_READ, REVIEW_READ, ADMIN);

  private Role() {}
}
