package com.trafalgar.events;

import java.nio.charset.StandardCharsets;

/**
 * One message ready for the wire, encoded once and shared by every subscriber: the SSE bytes
 * (API.md 8.2) and the WebSocket text (the bare payload, 8.6).
 *
 * @param id the event id, or {@link #NO_ID} for keepalives and {@code resync}
 * @param sse the complete SSE message, empty line included
 * @param text the WebSocket text frame (compact JSON)
 */
public record Frame(long id, byte[] sse, String text) {
  /** Id of frames that carry no {@code id:} line. */
  public static final long NO_ID = -1;

  /** {@code data: {}} and an empty line (8.6). */
  public static final Frame KEEPALIVE =
      new Frame(NO_ID, "data: {}\n\n".getBytes(StandardCharsets.UTF_8), "{}");

  /** {@code resync} carries {@code event:} and {@code data:} but no {@code id:} (8.2). */
  public static final Frame RESYNC = new Frame(NO_ID,
      "event: resync\ndata: {\"event\":\"resync\"}\n\n".getBytes(StandardCharsets.UTF_8),
      "{\"event\":\"resync\"}");

  /** An event or snapshot message: {@code id:}, {@code event:}, {@code data:} lines. */
  public static Frame message(long id, String event, String data) {
    String sse = "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
    return new Frame(id, sse.getBytes(StandardCharsets.UTF_8), data);
  }

  /**
   * A message written to one SSE subscriber only (its snapshot): the SSE bytes of
   * {@link #message} without the WebSocket text, so a snapshot of a large history is held once,
   * not twice, until the client has read it.
   */
  public static Frame sseOnly(long id, String event, byte[] utf8Data) {
    byte[] head = ("id: " + id + "\nevent: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8);
    byte[] sse = new byte[head.length + utf8Data.length + 2];
    System.arraycopy(head, 0, sse, 0, head.length);
    System.arraycopy(utf8Data, 0, sse, head.length, utf8Data.length);
    sse[sse.length - 2] = '\n';
    sse[sse.length - 1] = '\n';
    return new Frame(id, sse, "");
  }

  /** The frame of a published event. */
  public static Frame of(DomainEvent event) {
    return message(event.id(), event.name(), event.data());
  }
}
