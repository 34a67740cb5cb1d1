package com.trafalgar.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The endpoints' own check: a session is served only with the caller the handshake filter
 * recorded, holding the endpoint's roles; any other is closed with 1008. The session stands in
 * for the WebSocket runtime's (which {@code SocketGuardIT} exercises for real).
 */
class SocketAdmissionTest {
  private final AtomicReference<CloseReason> closed = new AtomicReference<>();

  private Session session(Principal principal) {
    return (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getUserPrincipal" -> principal;
          case "close" -> {
            closed.set(args == null ? null : (CloseReason) args[0]);
            yield null;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static CallerPrincipal holding(String... roles) {
    return new CallerPrincipal(new Caller("svc", Set.of(roles)));
  }

  @Test
  void sessionWithoutARecordedCallerIsClosedWithPolicyViolation() {
    assertFalse(SocketAdmission.admit(session(null), StreamRoutes.RENDER_SOCKET));
    assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, closed.get().getCloseCode());
    assertEquals(1008, closed.get().getCloseCode().getCode());
  }

  @Test
  void aPrincipalOfAnotherKindIsNotACaller() {
    assertFalse(SocketAdmission.admit(session(() -> "container-user"), StreamRoutes.INGEST_SOCKET));
    assertEquals(1008, closed.get().getCloseCode().getCode());
  }

  @Test
  void theCallerMustHoldTheEndpointsOwnRoles() {
    assertFalse(SocketAdmission.admit(session(holding(Role.INGEST_READ)),
        StreamRoutes.RENDER_SOCKET));
    assertEquals(1008, closed.get().getCloseCode().getCode());
    closed.set(null);
    assertTrue(SocketAdmission.admit(session(holding(Role.INGEST_READ)),
        StreamRoutes.INGEST_SOCKET));
    assertNull(closed.get());
    assertTrue(SocketAdmission.admit(session(new CallerPrincipal(Caller.OPERATOR)),
        StreamRoutes.RENDER_SOCKET));
    assertNull(closed.get());
  }

  @Test
  void onlyTheExactEndpointPathsAreWebSocketPaths() {
    assertEquals(StreamRoutes.RENDER_SOCKET,
        StreamRoutes.webSocketPath("/render/jobs/ws/").orElseThrow());
    assertEquals(StreamRoutes.INGEST_SOCKET,
        StreamRoutes.webSocketPath("/runs/ws").orElseThrow());
    assertEquals(StreamRoutes.RENDER_SOCKET,
        StreamRoutes.webSocketPath("/jobs/ws/").orElseThrow());
    for (String other : new String[] {"/render/jobs/ws//", "/Render/jobs/ws", "/render/jobs/ws/x",
        "/render/jobs", "/jobs/ws/x", "/Jobs/ws", "/", ""}) {
      assertTrue(StreamRoutes.webSocketPath(other).isEmpty(), other);
    }
  }
}
