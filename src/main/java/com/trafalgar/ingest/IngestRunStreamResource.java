package com.trafalgar.ingest;

import com.trafalgar.events.EventStreams;
import com.trafalgar.events.StreamPosition;
import com.trafalgar.security.StreamRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * {@code GET /ingest/runs/stream} (API.md 8.4): the ingest run event stream over SSE. Routing,
 * authentication ({@code ingest:read}, {@code ?access_token=}) and 405s stay with JAX-RS; the
 * stream itself is written with Servlet non-blocking I/O by {@link EventStreams}, so a connection
 * holds no thread while it waits for events or for its client.
 */
@ApplicationScoped
@Path(StreamRoutes.INGEST_SSE)
public class IngestRunStreamResource {
  private final EventStreams streams;

  @Inject
  public IngestRunStreamResource(EventStreams streams) {
    this.streams = streams;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public IngestRunStreamResource() {
    this.streams = null;
  }

  @GET
  @Produces("text/event-stream")
  public void stream(@Context HttpServletRequest request, @Context HttpServletResponse response,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @QueryParam("last_event_id") String lastEventIdQuery) throws IOException {
    streams.openSse(streams.ingest(), request, response,
        StreamPosition.of(lastEventId, lastEventIdQuery));
  }

  /** The stream's headers without a stream: a HEAD never subscribes nor stays open. */
  @HEAD
  public Response head() {
    return EventStreams.headersOnly();
  }
}
