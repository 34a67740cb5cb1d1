package com.trafalgar.render;

import com.trafalgar.events.EventStreams;
import com.trafalgar.events.SseStreamResource;
import com.trafalgar.events.StreamHub;
import com.trafalgar.security.StreamRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * {@code GET /render/jobs/stream} (API.md 8.3): the render job event stream over SSE ({@code
 * render:read}).
 */
@ApplicationScoped
@Path(StreamRoutes.RENDER_SSE)
public class RenderJobStreamResource extends SseStreamResource {
  @Inject
  public RenderJobStreamResource(EventStreams streams) {
    super(streams);
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public RenderJobStreamResource() {
    super(null);
  }

  @Override
  protected StreamHub hub(EventStreams streams) {
    return streams.render();
  }
}
