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
 * replaced by {@code *}{@code /*} and no route answers 406. A root alias (1.3) is rewritten to
 * its canonical route here ({@link RootAliases}), so JAX-RS only knows the canonical routes.
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
    if (rawPath == null || !rawPath.startsWith(basePath) || rawPath.equals(basePath)) {
      return;
    }
    String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    String root = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    path = RootAliases.canonical(path.substring(root.length())).map(root::concat).orElse(path);
    if (path.equals(rawPath)) {
      return;
    }
    StringBuilder rebuilt = new StringBuilder();
    rebuilt.append(uri.getScheme()).append("://").append(uri.getRawAuthority()).append(path);
    if (uri.getRawQuery() != null) {
      rebuilt.append('?').append(uri.getRawQuery());
    }
    request.setRequestUri(URI.create(rebuilt.toString()));
  }
}
