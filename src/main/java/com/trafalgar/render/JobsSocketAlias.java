package com.trafalgar.render;

import com.trafalgar.security.StreamRoutes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * Root alias {@code /jobs/ws} of {@code /render/jobs/ws} (API.md 1.3). WebSocket annotations are
 * not inherited, so each handler is re-declared and delegates to the canonical endpoint's.
 */
@ServerEndpoint(StreamRoutes.JOBS_SOCKET)
public class JobsSocketAlias extends RenderJobSocket {
  @OnOpen
  @Override
  public void open(Session session) {
    super.open(session);
  }

  @Override
  protected String endpointPath() {
    return StreamRoutes.JOBS_SOCKET;
  }

  @OnMessage(maxMessageSize = MAX_CLIENT_MESSAGE)
  @Override
  public void text(String ignored) {
    super.text(ignored);
  }

  @OnMessage(maxMessageSize = MAX_CLIENT_MESSAGE)
  @Override
  public void binary(ByteBuffer ignored) {
    super.binary(ignored);
  }

  @OnMessage
  @Override
  public void pong(PongMessage pong, Session session) {
    super.pong(pong, session);
  }

  @OnClose
  @Override
  public void close(Session session) {
    super.close(session);
  }

  @OnError
  @Override
  public void error(Session session, Throwable failure) {
    super.error(session, failure);
  }
}
