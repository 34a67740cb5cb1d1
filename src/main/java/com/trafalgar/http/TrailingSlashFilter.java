package com.trafalgar.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Ignores a single trailing slash on every route (API.md 1.6): {@code /status/} is matched as
 * {@code /status}, and {@code /render/} as {@code /render}. Works on the raw path so encoded
 * slashes in parameters survive.
 */
@Provider
@PreMatching
@Priority(100)
public class TrailingSlashFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    String rawPath = uri.getRawPath();
    String basePath = request.getUriInfo().getBaseUri().getRawPath();
    if (rawPath == null || rawPath.length() <= 1 || !rawPath.endsWith("/")) {
      return;
    }
    if (rawPath.equals(basePath)) {
      return;
    }
    String stripped = rawPath.substring(0, rawPath.length() - 1);
    StringBuilder rebuilt = new StringBuilder();
    rebuilt.append(uri.getScheme()).append("://").append(uri.getRawAuthority()).append(stripped);
    if (uri.getRawQuery() != null) {
      rebuilt.append('?').append(uri.getRawQuery());
    }
    request.setRequestUri(URI.create(rebuilt.toString()));
  }
}
