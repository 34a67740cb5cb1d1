package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /metrics} (API.md 4.3), dashboard token: the figures of {@code /status}. */
@ApplicationScoped
@Path("metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
  private final Dashboard dashboard;

  @Inject
  public MetricsResource(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public MetricsResource() {
    this.dashboard = null;
  }

  @GET
  public ObjectNode metrics() {
    return dashboard.metrics();
  }
}
