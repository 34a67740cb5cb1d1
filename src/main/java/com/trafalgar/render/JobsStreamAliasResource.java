package com.trafalgar.render;

import com.trafalgar.events.EventStreams;
import com.trafalgar.security.StreamRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/** Root alias {@code GET /jobs/stream} of {@code /render/jobs/stream} (API.md 1.3). */
@ApplicationScoped
@Path(StreamRoutes.JOBS_SSE)
public class JobsStreamAliasResource extends RenderJobStreamResource {
  @Inject
  public JobsStreamAliasResource(EventStreams streams) {
    super(streams);
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public JobsStreamAliasResource() {
    super();
  }
}
