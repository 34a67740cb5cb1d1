package com.trafalgar.ingest;

import com.trafalgar.events.EventStreams;
import com.trafalgar.security.StreamRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/** Root alias {@code GET /runs/stream} of {@code /ingest/runs/stream} (API.md 1.3). */
@ApplicationScoped
@Path(StreamRoutes.RUNS_SSE)
public class RunsStreamAliasResource extends IngestRunStreamResource {
  @Inject
  public RunsStreamAliasResource(EventStreams streams) {
    super(streams);
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public RunsStreamAliasResource() {
    super();
  }
}
