package com.trafalgar.security;

import com.trafalgar.http.RootAliases;
import java.util.List;
import java.util.Optional;

/**
 * The stream endpoints (API.md 8.3, 8.4, 8.6) in one place: the {@code @Path} and {@code
 * @ServerEndpoint} annotations, the roles matrix and the handshake filter all read these
 * constants, so a stream path cannot exist in one of them and be missing from another. Their root
 * aliases (1.3) come from {@link RootAliases}.
 */
public final class StreamRoutes {
  public static final String RENDER_SSE = "/render/jobs/stream";
  public static final String INGEST_SSE = "/ingest/runs/stream";

  public static final String RENDER_SOCKET = "/render/jobs/ws";
  public static final String INGEST_SOCKET = "/ingest/runs/ws";

  /** Every WebSocket endpoint of the application (without the root aliases). */
  public static final List<String> WEBSOCKET_PATHS = List.of(RENDER_SOCKET, INGEST_SOCKET);

  private StreamRoutes() {}

  /**
   * The WebSocket endpoint that {@code path} or its root alias names, compared exactly (one
   * trailing slash is ignored, API.md 1.6); empty for any other path.
   *
   * @param path the decoded path the container routes, relative to the context root
   */
  public static Optional<String> webSocketPath(String path) {
    String exact = path.length() > 1 && path.endsWith("/")
        ? path.substring(0, path.length() - 1) : path;
    String canonical = RootAliases.canonical(exact).orElse(exact);
    return WEBSOCKET_PATHS.stream().filter(canonical::equals).findFirst();
  }
}
