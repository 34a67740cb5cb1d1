package com.trafalgar.security;

import com.trafalgar.http.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Authenticates and authorises every matched request against the roles matrix (API.md 2.5 steps
 * 2–4, 3). It runs after routing, so unknown paths (404) and wrong methods (405) never reach it.
 * The caller is stored as the request property {@value #CALLER_PROPERTY}.
 */
@ApplicationScoped
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter {
  public static final String CALLER_PROPERTY = "trafalgar.caller";
  public static final String DASHBOARD_TOKEN_PROPERTY = "trafalgar.dashboardToken";
  private static final Logger LOG = Logger.getLogger(AccessFilter.class.getName());

  @Inject Security security;

  @Override
  public void filter(ContainerRequestContext request) {
    // RESTEasy gives "/status", Jersey "status": normalise() accepts both
    String path = request.getUriInfo().getPath(false);
    Optional<Access> access = RouteAccessPolicy.lookup(request.getMethod(), path);
    if (access.isEmpty()) {
      LOG.severe(() -> "No roles-matrix entry for " + request.getMethod() + " "
          + RouteAccessPolicy.normalise(path) + "; refusing the request.");
      request.abortWith(error(403, Authenticator.MISSING_ROLES));
      return;
    }
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
        .entity(ApiException.detailBody(detail).toString());
    if (status == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.build();
  }
}
