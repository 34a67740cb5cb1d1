package com.trafalgar.security;

import com.trafalgar.http.RootAliases;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The roles matrix of API.md 3.6 in one place. A route added to the service is added here too;
 * a route with no entry is refused (fail closed) by both filters, and {@code RouteCoverageTest}
 * fails the build for a resource method or WebSocket endpoint that has none.
 *
 * <p>What is looked up is never the request's own spelling of its path. {@link AccessFilter}
 * looks up the {@link RouteTemplate} of the resource method JAX-RS matched ({@code
 * /render/jobs/{job_id}}), and {@link WebSocketHandshakeFilter} the decoded, normalised path the
 * servlet container routes. Rules are tried in order: the fixed stream segments come before the
 * {@code {job_id}} and {@code {run_id}} patterns (1.4).
 */
public final class RouteAccessPolicy {

  private record Rule(Set<String> methods, Pattern path, Access access) {}

  private static final String SEG = "[^/]+";
  private static final Set<String> GET = Set.of("GET", "HEAD");

  private static final List<Rule> RULES =
      List.of(
          // dashboard (4)
          rule(GET, "/", Access.PUBLIC),
          rule(GET, "/static/.+", Access.PUBLIC),
          rule(GET, "/status", Access.PUBLIC),
          rule(GET, "/projects/" + SEG, Access.PUBLIC),
          rule(GET, "/projects/" + SEG + "/episodes", Access.PUBLIC),
          rule(GET, "/errors", Access.PUBLIC),
          rule(GET, "/errors/summary", Access.PUBLIC),
          rule(GET, "/deliveries/" + SEG, Access.DASHBOARD_SOFT),
          rule(GET, "/deliveries/" + SEG + "/.+", Access.DASHBOARD_TOKEN),
          rule(GET, "/metrics", Access.DASHBOARD_TOKEN),
          rule(Set.of("GET", "HEAD", "POST"), "/admin/cache", Access.DASHBOARD_TOKEN),
          // the OpenAPI document's human page (docs/api/README.md)
          rule(GET, "/api-docs(/[^/]+)?", Access.PUBLIC),
          // render streams (8) before the {job_id} patterns
          rule(GET, Pattern.quote(StreamRoutes.RENDER_SSE),
              Access.streamRoles(Role.RENDER_READ)),
          rule(GET, Pattern.quote(StreamRoutes.RENDER_SOCKET),
              Access.streamRoles(Role.RENDER_READ)),
          // render (5)
          rule(GET, "/render", Access.roles(Role.RENDER_READ)),
          rule(GET, "/render/health", Access.roles(Role.RENDER_READ)),
          rule(GET, "/render/farms", Access.roles(Role.RENDER_READ)),
          rule(GET, "/render/jobs", Access.roles(Role.RENDER_READ)),
          rule(Set.of("POST"), "/render/jobs", Access.roles(Role.RENDER_SUBMIT)),
          rule(GET, "/render/jobs/metrics", Access.roles(Role.RENDER_READ)),
          rule(GET, "/render/jobs/" + SEG, Access.roles(Role.RENDER_READ)),
          rule(Set.of("DELETE"), "/render/jobs/" + SEG, Access.roles(Role.RENDER_MANAGE)),
          // ingest (6, 8)
          rule(GET, Pattern.quote(StreamRoutes.INGEST_SSE),
              Access.streamRoles(Role.INGEST_READ)),
          rule(GET, Pattern.quote(StreamRoutes.INGEST_SOCKET),
              Access.streamRoles(Role.INGEST_READ)),
          rule(GET, "/ingest", Access.roles(Role.INGEST_READ)),
          rule(GET, "/ingest/health", Access.roles(Role.INGEST_READ)),
          rule(GET, "/ingest/runs", Access.roles(Role.INGEST_READ)),
          rule(GET, "/ingest/runs/" + SEG, Access.roles(Role.INGEST_READ)),
          // review (7)
          rule(GET, "/review/projects/" + SEG + "/playlists", Access.roles(Role.REVIEW_READ)),
          rule(GET, "/review/projects/" + SEG + "/playlists/" + SEG,
              Access.roles(Role.REVIEW_READ)));

  private RouteAccessPolicy() {}

  private static Rule rule(Set<String> methods, String regex, Access access) {
    return new Rule(methods, Pattern.compile(regex), access);
  }

  /**
   * What {@code method} on {@code route} requires; empty when the matrix has no entry (the
   * caller then refuses the request).
   *
   * @param route a {@link RouteTemplate} or a decoded container path, relative to the context
   *     root; one trailing slash is ignored, and a root alias needs what its route needs (1.3)
   */
  public static Optional<Access> lookup(String method, String route) {
    String normal = normalise(route);
    String path = RootAliases.canonical(normal).orElse(normal);
    String verb = method.toUpperCase(Locale.ROOT);
    if (verb.equals("OPTIONS")) {
      return Optional.of(Access.PUBLIC);
    }
    for (Rule rule : RULES) {
      if (rule.methods().contains(verb) && rule.path().matcher(path).matches()) {
        return Optional.of(rule.access());
      }
    }
    return Optional.empty();
  }

  static String normalise(String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }
}
