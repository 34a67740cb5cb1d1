package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /render/farms} (API.md 5.2). */
@ApplicationScoped
@Path("render/farms")
@Produces(MediaType.APPLICATION_JSON)
public class RenderFarmsResource {
  private final RenderService service;

  @Inject
  public RenderFarmsResource(RenderService service) {
    this.service = service;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public RenderFarmsResource() {
    this.service = null;
  }

  @GET
  public ObjectNode farms() {
    return service.farms();
  }
}
