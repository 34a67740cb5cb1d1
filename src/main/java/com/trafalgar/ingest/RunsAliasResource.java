package com.trafalgar.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/** The root aliases {@code /runs} and {@code /runs/{run_id}} (API.md 1.3): same handlers. */
@ApplicationScoped
@Path("runs")
public class RunsAliasResource extends IngestRunsResource {
  @Inject
  public RunsAliasResource(IngestService ingest) {
    super(ingest);
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public RunsAliasResource() {
    super();
  }
}
