package com.trafalgar.events;

import com.trafalgar.security.SocketAdmission;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * The WebSocket endpoint of the event streams (API.md 8.6), one class for both domains:
 * {@link EventSocketRoutes} registers it at {@code /render/jobs/ws} and {@code /ingest/runs/ws}
 * with the hub each path streams. The upgrade was authenticated by {@code
 * WebSocketHandshakeFilter}, and a session without the caller it recorded is closed with 1008
 * ({@link SocketAdmission}); client messages are ignored, and one larger than 4 KiB closes the
 * session with 1009. The runtime creates one instance per session and this is not a CDI bean, so
 * the stream service is looked up when a session opens.
 */
public class EventSocket extends Endpoint {
  /** Larger client messages close the session with 1009 (8.6). */
  public static final int MAX_CLIENT_MESSAGE = 4096;
  /** User property of the endpoint's configuration: the path, whose roles a caller must hold. */
  static final String PATH = "trafalgar.socket.path";
  /** User property of the endpoint's configuration: which hub of {@link EventStreams} to join. */
  static final String HUB = "trafalgar.socket.hub";

  private EventStreams streams;
  /** Bytes of the client message being received; the runtime calls handlers one at a time. */
  private long messageBytes;

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    // client messages carry nothing for the server: they are only measured, and one over the
    // limit closes the session (the runtimes' buffer limits apply to annotated endpoints only)
    session.addMessageHandler(String.class,
        (MessageHandler.Partial<String>) (part, last) -> measure(session, utf8Length(part), last));
    session.addMessageHandler(ByteBuffer.class,
        (MessageHandler.Partial<ByteBuffer>) (part, last) ->
            measure(session, part.remaining(), last));
    streams = CDI.current().select(EventStreams.class).get();
    session.addMessageHandler(PongMessage.class,
        (MessageHandler.Whole<PongMessage>) pong -> streams.pong(session));
    String path = (String) config.getUserProperties().get(PATH);
    if (SocketAdmission.admit(session, path)) {
      @SuppressWarnings("unchecked")
      Function<EventStreams, StreamHub> hub =
          (Function<EventStreams, StreamHub>) config.getUserProperties().get(HUB);
      streams.openSocket(hub.apply(streams), session);
    }
  }

  /** Adds a fragment of the current client message; past the limit, closes with 1009. */
  private void measure(Session session, long bytes, boolean last) {
    messageBytes += bytes;
    if (messageBytes > MAX_CLIENT_MESSAGE) {
      messageBytes = 0;
      try {
        session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "Message too big"));
      } catch (IOException e) {
        // the connection is already gone
      }
    } else if (last) {
      messageBytes = 0;
    }
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    if (streams != null) {
      streams.closed(session);
    }
  }

  @Override
  public void onError(Session session, Throwable failure) {
    if (streams != null) {
      streams.closed(session);
    }
  }
}
