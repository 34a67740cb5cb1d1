package com.trafalgar.security;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoints' own check, behind {@link WebSocketHandshakeFilter}: a session is served
 * only when the handshake recorded a {@link CallerPrincipal} holding the roles of the endpoint's
 * own path. Should an upgrade ever reach an endpoint without passing the filter (a mapping
 * mistake, or a runtime that routes a spelling the filter did not see), the session is closed
 * with 1008 before anything is sent.
 */
public final class SocketAdmission {
  static final String REFUSED = "Authentication required.";
  private static final Logger LOG = Logger.getLogger(SocketAdmission.class.getName());

  private SocketAdmission() {}

  /**
   * Whether {@code session} may be served by the endpoint at {@code endpointPath}; when not, the
   * session has been closed with {@link CloseReason.CloseCodes#VIOLATED_POLICY}.
   */
  public static boolean admit(Session session, String endpointPath) {
    Optional<Access> access = RouteAccessPolicy.lookup("GET", endpointPath);
    Principal principal = session.getUserPrincipal();
    if (access.isPresent() && principal instanceof CallerPrincipal caller
        && caller.caller().holdsAll(access.get().roles())) {
      return true;
    }
    LOG.warning(() -> "A WebSocket session of " + endpointPath
        + " arrived without an authorised caller; closing it with 1008.");
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, REFUSED));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Closing an unauthorised WebSocket session failed", e);
    }
    return false;
  }
}
