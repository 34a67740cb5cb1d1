package com.trafalgar.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Normalises every request before routing: a single trailing slash is ignored (API.md 1.6:
 * {@code /status/} is {@code /status}, {@code /render/} is {@code /render}), working on the raw
 * path so encoded slashes survive; and {@code Accept} is not used for negotiation (2.1), so it is
 * replaced by {@code *}{@code /*} and no route answers 406.
 */
@ApplicationScoped
@Provider
@PreMatching
@Priority(100)
public class RequestNormalisationFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.WILDCARD);
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
