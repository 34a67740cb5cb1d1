package com.trafalgar.security;

import java.util.List;
import java.util.Optional;

/**
 * The stream endpoints (API.md 1.3, 8.3, 8.4, 8.6) in one place: the {@code @ServerEndpoint}
 * annotations, the roles matrix and the handshake filter all read these constants, so a WebSocket
 * path cannot exist in one of them and be missing from another.
 */
public final class StreamRoutes {
  public static final String RENDER_SSE = "/render/jobs/stream";
  public static final String JOBS_SSE = "/jobs/stream";
  public static final String INGEST_SSE = "/ingest/runs/stream";
  public static final String RUNS_SSE = "/runs/stream";

  public static final String RENDER_SOCKET = "/render/jobs/ws";
  public static final String JOBS_SOCKET = "/jobs/ws";
  public static final String INGEST_SOCKET = "/ingest/runs/ws";
  public static final String RUNS_SOCKET = "/runs/ws";

  /** Every WebSocket endpoint of the application. */
  public static final List<String> WEBSOCKET_PATHS =
      List.of(RENDER_SOCKET, JOBS_SOCKET, INGEST_SOCKET, RUNS_SOCKET);

  private StreamRoutes() {}

  /**
   * The WebSocket endpoint that {@code path} names, compared exactly (one trailing slash is
   * ignored, API.md 1.6); empty for any other path.
   *
   * @param path the decoded path the container routes, relative to the context root
   */
  public static Optional<String> webSocketPath(String path) {
    String exact = path.length() > 1 && path.endsWith("/")
        ? path.substring(0, path.length() - 1) : path;
    return WEBSOCKET_PATHS.stream().filter(exact::equals).findFirst();
  }
}
