package com.trafalgar.ingest;

import com.trafalgar.events.EventStreams;
import com.trafalgar.events.SseStreamResource;
import com.trafalgar.events.StreamHub;
import com.trafalgar.security.StreamRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * {@code GET /ingest/runs/stream} (API.md 8.4): the ingest run event stream over SSE ({@code
 * ingest:read}).
 */
@ApplicationScoped
@Path(StreamRoutes.INGEST_SSE)
public class IngestRunStreamResource extends SseStreamResource {
  @Inject
  public IngestRunStreamResource(EventStreams streams) {
    super(streams);
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public IngestRunStreamResource() {
    super(null);
  }

  @Override
  protected StreamHub hub(EventStreams streams) {
    return streams.ingest();
  }
}
