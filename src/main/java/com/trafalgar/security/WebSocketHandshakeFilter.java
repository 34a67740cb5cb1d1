package com.trafalgar.security;

import com.trafalgar.http.ApiException;
import com.trafalgar.http.HttpErrors;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates WebSocket upgrade requests before the container upgrades them (API.md 3.7): a
 * refused handshake is answered with a plain HTTP 503, 401 or 403 and the JSON body of 3.5.
 *
 * <p>It sees every request ({@code /*}) and decides on the path the container routes: {@code
 * getServletPath() + getPathInfo()}, decoded, without {@code ;} parameters and with dot-segments
 * resolved. A request to one of {@link StreamRoutes#WEBSOCKET_PATHS} is authenticated whatever it
 * carries. A request that asks for a WebSocket is refused with 404 before the WebSocket runtime
 * sees it unless its target is an endpoint path spelled exactly as declared: Tyrus (Payara) routes
 * an upgrade by its own reading of the raw URI, which may differ from the container's ({@code
 * /%72ender/jobs/ws}, {@code /render;x/jobs/ws}), so the runtime only ever gets a path that both
 * read the same way and the filter has authenticated. Runs ahead of the WebSocket runtime's
 * filter, which both Tyrus and Undertow register after the application's.
 *
 * <p>An accepted request goes on wrapped so that {@code getUserPrincipal()} is the {@link
 * CallerPrincipal}: Tyrus ({@code TyrusServletUpgrade}) and Undertow ({@code JsrWebSocketFilter},
 * WildFly) both take the handshake's user principal from the servlet request they receive, and
 * the endpoint refuses a session without one ({@link SocketAdmission}).
 */
@WebFilter(filterName = "trafalgar-websocket-handshake", urlPatterns = "/*",
    asyncSupported = true)
public class WebSocketHandshakeFilter extends HttpFilter {
  static final String INVALID_HANDSHAKE = "Invalid WebSocket handshake.";
  static final String UNSUPPORTED_VERSION = "Unsupported WebSocket version; use 13.";
  private static final long serialVersionUID = 1L;

  @Inject transient Security security;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    String path = request.getServletPath()
        + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Optional<String> endpoint = StreamRoutes.webSocketPath(path);
    if (asksForWebSocket(request) && (endpoint.isEmpty() || !spelledExactly(request, path))) {
      refuse(response, 404, HttpErrors.NOT_FOUND);
      return;
    }
    if (endpoint.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    Optional<Access> access = RouteAccessPolicy.lookup("GET", endpoint.get());
    if (access.isEmpty()) {
      refuse(response, 403, Authenticator.MISSING_ROLES);
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
      refuse(response, decision.status(), decision.detail());
      return;
    }
    if (asksForWebSocket(request) && !wellFormed(request)) {
      // what the WebSocket runtime would decline: Tyrus answers a wrong version with an HTML 426,
      // and on Payara a declined upgrade that reaches JAX-RS is never answered
      String version = request.getHeader("Sec-WebSocket-Version");
      if (version != null && !version.equals("13")) {
        response.setHeader("Sec-WebSocket-Version", "13");
        refuse(response, 426, UNSUPPORTED_VERSION);
      } else {
        refuse(response, 400, INVALID_HANDSHAKE);
      }
      return;
    }
    Caller caller = decision.caller().get();
    request.setAttribute(AccessFilter.CALLER_PROPERTY, caller);
    chain.doFilter(new Authenticated(request, asksForWebSocket(request) ? endpoint.get() : null,
        new CallerPrincipal(caller)), response);
  }

  /**
   * Whether the request target is {@code path} (the endpoint's or its root alias's) exactly as
   * routed, or with the one trailing slash every route accepts (API.md 1.6): no
   * percent-encoding, {@code ;} parameter, dot-segment or doubled slash. Only then do the
   * container and the WebSocket runtime read the same path; Tyrus leaves a handshake it cannot
   * route (such as {@code /render//jobs/ws}) unanswered. The runtime is handed the endpoint's
   * declared spelling ({@link Authenticated}).
   */
  private static boolean spelledExactly(HttpServletRequest request, String path) {
    String exact = path.length() > 1 && path.endsWith("/")
        ? path.substring(0, path.length() - 1) : path;
    String declared = request.getContextPath() + exact;
    String target = request.getRequestURI();
    return target.equals(declared) || target.equals(declared + "/");
  }

  /**
   * Whether the request could be taken for a WebSocket handshake by any runtime: Tyrus upgrades
   * on {@code Sec-WebSocket-Key} alone, Undertow on an {@code Upgrade} header.
   */
  static boolean asksForWebSocket(HttpServletRequest request) {
    if (request.getHeader("Sec-WebSocket-Key") != null
        || request.getHeader("Sec-WebSocket-Version") != null) {
      return true;
    }
    for (String upgrade : Collections.list(request.getHeaders("Upgrade"))) {
      if (upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
        return true;
      }
    }
    return false;
  }

  /** An RFC 6455 (4.1) opening handshake: GET, the upgrade headers, a key and version 13. */
  static boolean wellFormed(HttpServletRequest request) {
    String key = request.getHeader("Sec-WebSocket-Key");
    return request.getMethod().equals("GET")
        && onlyWebSocketUpgrade(request)
        && hasToken(request, "Connection", "upgrade")
        && key != null && !key.isBlank()
        && "13".equals(request.getHeader("Sec-WebSocket-Version"));
  }

  /**
   * Whether {@code Upgrade} names the WebSocket protocol and nothing else: a list such as {@code
   * websocket, h2c} is valid HTTP, but no runtime here upgrades it, so it is refused as a 400
   * instead of falling through to the routes.
   */
  private static boolean onlyWebSocketUpgrade(HttpServletRequest request) {
    List<String> offered = new ArrayList<>();
    for (String value : Collections.list(request.getHeaders("Upgrade"))) {
      for (String item : value.split(",")) {
        offered.add(item.trim().toLowerCase(Locale.ROOT));
      }
    }
    return offered.equals(List.of("websocket"));
  }

  private static boolean hasToken(HttpServletRequest request, String header, String token) {
    for (String value : Collections.list(request.getHeaders(header))) {
      for (String item : value.split(",")) {
        if (item.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void refuse(HttpServletResponse response, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.getWriter().write(ApiException.detailBody(detail).toString());
  }

  /**
   * The request as the WebSocket runtime should see it: with the authenticated caller and, for an
   * upgrade, aimed at the endpoint's declared path, so neither a trailing slash nor a root alias
   * (API.md 1.3, {@code RootAliases}) makes the runtime miss it. Tyrus routes on the request URI,
   * Undertow on the servlet path plus path info, so both present the endpoint.
   */
  private static final class Authenticated extends HttpServletRequestWrapper {
    private final String endpoint;
    private final CallerPrincipal principal;

    /** @param endpoint the declared path to present, or null to leave the request as sent */
    Authenticated(HttpServletRequest request, String endpoint, CallerPrincipal principal) {
      super(request);
      this.endpoint = endpoint;
      this.principal = principal;
    }

    @Override
    public String getRequestURI() {
      return endpoint == null ? super.getRequestURI() : getContextPath() + endpoint;
    }

    /**
     * As the container maps the application's routes (everything under {@code /*}): should the
     * runtime not upgrade the request, JAX-RS sees the endpoint's path and answers it as usual.
     */
    @Override
    public String getServletPath() {
      return endpoint == null ? super.getServletPath() : "";
    }

    @Override
    public String getPathInfo() {
      return endpoint == null ? super.getPathInfo() : endpoint;
    }

    /**
     * None for an upgrade: the credentials of the query ({@code access_token}) were read above, and
     * Undertow would otherwise echo them in its {@code Sec-WebSocket-Location} answer header.
     */
    @Override
    public String getQueryString() {
      return endpoint == null ? super.getQueryString() : null;
    }

    @Override
    public StringBuffer getRequestURL() {
      StringBuffer url = super.getRequestURL();
      if (endpoint == null) {
        return url;
      }
      String uri = super.getRequestURI();
      int at = url.lastIndexOf(uri);
      return at < 0 ? url : url.replace(at, url.length(), getRequestURI());
    }

    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public String getRemoteUser() {
      return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
      return principal.caller().roles().contains(role);
    }
  }
}
