package com.trafalgar.security;

import com.trafalgar.http.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Authenticates and authorises every matched request against the roles matrix (API.md 2.5 steps
 * 2–4, 3). It runs after routing, so unknown paths (404) and wrong methods (405) never reach it,
 * and it decides on the {@link RouteTemplate} of the resource method that matched, not on the
 * request's spelling of the path. The caller is stored as the request property
 * {@value #CALLER_PROPERTY}. Every answer of a route that needs a credential, refusals included,
 * carries {@code Cache-Control: no-store}.
 */
@ApplicationScoped
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter, ContainerResponseFilter {
  public static final String CALLER_PROPERTY = "trafalgar.caller";
  public static final String DASHBOARD_TOKEN_PROPERTY = "trafalgar.dashboardToken";
  /** The {@link Access} the matched route requires. */
  static final String ACCESS_PROPERTY = "trafalgar.access";
  private static final Logger LOG = Logger.getLogger(AccessFilter.class.getName());

  @Inject Security security;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    String method = request.getMethod();
    Optional<String> route = RouteTemplate.of(resource.getResourceClass(),
        resource.getResourceMethod());
    Optional<Access> access = method.equalsIgnoreCase("OPTIONS")
        ? Optional.of(Access.PUBLIC)
        : route.flatMap(template -> RouteAccessPolicy.lookup(method, template));
    if (access.isEmpty()) {
      LOG.severe(() -> "No roles-matrix entry for " + method + " " + route.orElse("(no route)")
          + "; refusing the request.");
      request.abortWith(error(403, Authenticator.MISSING_ROLES));
      return;
    }
    request.setProperty(ACCESS_PROPERTY, access.get());
    Authenticator authenticator = security.authenticator();
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    switch (access.get().kind()) {
      case PUBLIC -> { }
      case DASHBOARD_SOFT ->
          request.setProperty(DASHBOARD_TOKEN_PROPERTY,
              authenticator.hasDashboardToken(authorization));
      case DASHBOARD_TOKEN -> decide(request, authenticator.dashboard(presented(request, null)));
      case ROLES -> {
        String accessToken = access.get().stream()
            ? request.getUriInfo().getQueryParameters().getFirst("access_token")
            : null;
        decide(request, authenticator.service(presented(request, accessToken),
            access.get().roles(), access.get().stream()));
      }
      default -> throw new IllegalStateException("Unknown access kind");
    }
  }

  /**
   * Keeps answers that depend on a credential out of browser and proxy caches; the soft route's
   * answer differs with the token too. Refusals are marked by {@link #error} itself.
   */
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(ACCESS_PROPERTY) instanceof Access access
        && access.kind() != Access.Kind.PUBLIC) {
      String cacheControl = response.getHeaderString(HttpHeaders.CACHE_CONTROL);
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, noStore(cacheControl));
    }
  }

  /** {@code cacheControl} (nullable) with {@code no-store} added when it lacks it. */
  static String noStore(String cacheControl) {
    if (cacheControl == null || cacheControl.isBlank()) {
      return "no-store";
    }
    for (String directive : cacheControl.split(",")) {
      if (directive.trim().equalsIgnoreCase("no-store")) {
        return cacheControl;
      }
    }
    return cacheControl + ", no-store";
  }

  private Authenticator.Presented presented(ContainerRequestContext request, String accessToken) {
    CredentialStore store = security.authenticator().store();
    return new Authenticator.Presented(
        request.getHeaderString(HttpHeaders.AUTHORIZATION),
        request.getHeaderString(store.apiKeyHeader()),
        request.getHeaderString(store.apiSecretHeader()),
        accessToken);
  }

  private static void decide(ContainerRequestContext request, Authenticator.Decision decision) {
    if (decision.allowed()) {
      request.setProperty(CALLER_PROPERTY, decision.caller().get());
    } else {
      request.abortWith(error(decision.status(), decision.detail()));
    }
  }

  /** The JSON answer of a refused request; 401 carries the Bearer challenge (3.5). */
  public static Response error(int status, String detail) {
    Response.ResponseBuilder response = Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(ApiException.detailBody(detail).toString());
    if (status == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.build();
  }
}
