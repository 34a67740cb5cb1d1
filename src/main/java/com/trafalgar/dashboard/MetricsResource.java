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
  @Inject DashboardService dashboard;

  @GET
  public ObjectNode metrics() {
    return dashboard.metrics();
  }
}
