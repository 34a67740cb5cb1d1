package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /status} (API.md 4.2), public. */
@ApplicationScoped
@Path("status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
  private final Dashboard dashboard;

  @Inject
  public StatusResource(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public StatusResource() {
    this.dashboard = null;
  }

  @GET
  public ObjectNode status() {
    return dashboard.status();
  }
}
