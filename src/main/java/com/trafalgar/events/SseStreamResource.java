package com.trafalgar.events;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * The SSE route of one domain's event stream (API.md 8.3, 8.4): a subclass in the feature's
 * package names the path ({@code @Path}) and the hub, and JAX-RS inherits these handlers.
 * Routing, authentication ({@code ?access_token=} included) and 405s stay with JAX-RS; the stream
 * itself is written with Servlet non-blocking I/O by {@link EventStreams}, so a connection holds
 * no thread while it waits for events or for its client.
 */
public abstract class SseStreamResource {
  private final EventStreams streams;

  protected SseStreamResource(EventStreams streams) {
    this.streams = streams;
  }

  /** The hub whose events this route streams. */
  protected abstract StreamHub hub(EventStreams streams);

  @GET
  @Produces("text/event-stream")
  public void stream(@Context HttpServletRequest request, @Context HttpServletResponse response,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @QueryParam("last_event_id") String lastEventIdQuery) throws IOException {
    streams.openSse(hub(streams), request, response,
        StreamPosition.of(lastEventId, lastEventIdQuery));
  }

  /** The stream's headers without a stream: a HEAD never subscribes nor stays open. */
  @HEAD
  public Response head() {
    return EventStreams.headersOnly();
  }
}
