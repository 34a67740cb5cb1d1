package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /metrics} (API.md 4.3), dashboard token. Foundation stub: the dashboard issue fills
 * in the aggregated document.
 */
@ApplicationScoped
@Path("metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
  @GET
  public ObjectNode metrics() {
    ObjectNode body = Json.object();
    body.putObject("status");
    body.putObject("ingest");
    body.putObject("render");
    body.putObject("review");
    return body;
  }
}
