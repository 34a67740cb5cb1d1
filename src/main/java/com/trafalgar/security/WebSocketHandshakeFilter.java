package com.trafalgar.security;

import com.trafalgar.http.ApiException;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Authenticates WebSocket upgrade requests before the container upgrades them (API.md 3.7): a
 * refused handshake is answered with a plain HTTP 503, 401 or 403 and the JSON body of 3.5. Runs
 * ahead of the WebSocket implementation's own filter, which containers register after the
 * application's.
 */
@WebFilter(
    filterName = "trafalgar-websocket-handshake",
    urlPatterns = {"/render/jobs/ws", "/jobs/ws", "/ingest/runs/ws", "/runs/ws",
        "/render/jobs/ws/", "/jobs/ws/", "/ingest/runs/ws/", "/runs/ws/"},
    asyncSupported = true)
public class WebSocketHandshakeFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject transient Security security;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<Access> access = RouteAccessPolicy.lookup("GET", path);
    if (access.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Authenticator authenticator = security.authenticator();
    CredentialStore store = authenticator.store();
    Authenticator.Decision decision = authenticator.service(
        new Authenticator.Presented(
            request.getHeader("Authorization"),
            request.getHeader(store.apiKeyHeader()),
            request.getHeader(store.apiSecretHeader()),
            request.getParameter("access_token")),
        access.get().roles(), true);
    if (!decision.allowed()) {
      response.setStatus(decision.status());
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      if (decision.status() == 401) {
        response.setHeader("WWW-Authenticate", "Bearer");
      }
      response.getWriter().write(ApiException.detailBody(decision.detail()).toString());
      return;
    }
    request.setAttribute(AccessFilter.CALLER_PROPERTY, decision.caller().get());
    chain.doFilter(request, response);
  }
}
