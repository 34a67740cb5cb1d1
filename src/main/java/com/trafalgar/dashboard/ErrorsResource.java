package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /errors} and {@code GET /errors/summary} (API.md 4.8, 4.9), public. */
@ApplicationScoped
@Path("errors")
@Produces(MediaType.APPLICATION_JSON)
public class ErrorsResource {
  private final Dashboard dashboard;

  @Inject
  public ErrorsResource(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public ErrorsResource() {
    this.dashboard = null;
  }

  @GET
  public List<ObjectNode> errors() {
    return dashboard.errors();
  }

  @GET
  @Path("summary")
  public List<ObjectNode> summary() {
    return dashboard.errorSummary();
  }
}
