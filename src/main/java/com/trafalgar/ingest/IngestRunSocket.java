package com.trafalgar.ingest;

import com.trafalgar.events.EventStreams;
import com.trafalgar.security.SocketAdmission;
import com.trafalgar.security.StreamRoutes;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * {@code /ingest/runs/ws} (API.md 8.6): the ingest run events over WebSocket, with no
 * handshake frame. The upgrade was authenticated by {@code WebSocketHandshakeFilter}, and a
 * session without the caller it recorded is closed with 1008 ({@code SocketAdmission});
 * client messages are ignored, and one larger than 4 KiB closes the session with 1009. The
 * container creates one instance per session, so the stream service is field-injected.
 */
@ServerEndpoint(StreamRoutes.INGEST_SOCKET)
public class IngestRunSocket {
  /** Larger client messages close the session with 1009 (8.6). */
  public static final int MAX_CLIENT_MESSAGE = 4096;

  @Inject EventStreams streams;

  @OnOpen
  public void open(Session session) {
    if (SocketAdmission.admit(session, StreamRoutes.INGEST_SOCKET)) {
      streams.openSocket(streams.ingest(), session);
    }
  }

  @OnMessage(maxMessageSize = MAX_CLIENT_MESSAGE)
  public void text(String ignored) {
    // client messages carry nothing for the server
  }

  @OnMessage(maxMessageSize = MAX_CLIENT_MESSAGE)
  public void binary(ByteBuffer ignored) {
    // client messages carry nothing for the server
  }

  @OnMessage
  public void pong(PongMessage pong, Session session) {
    streams.pong(session);
  }

  @OnClose
  public void close(Session session) {
    streams.closed(session);
  }

  @OnError
  public void error(Session session, Throwable failure) {
    streams.closed(session);
  }
}
