package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /render/health} (API.md 5.11); no alias. */
@ApplicationScoped
@Path("render/health")
@Produces(MediaType.APPLICATION_JSON)
public class RenderHealthResource {
  private final RenderService service;

  @Inject
  public RenderHealthResource(RenderService service) {
    this.service = service;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public RenderHealthResource() {
    this.service = null;
  }

  @GET
  public ObjectNode health() {
    return service.health();
  }
}
