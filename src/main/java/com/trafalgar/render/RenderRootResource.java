package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /render/} (API.md 5.1): the render area answers. */
@ApplicationScoped
@Path("render")
@Produces(MediaType.APPLICATION_JSON)
public class RenderRootResource {
  @GET
  public ObjectNode root() {
    ObjectNode body = Json.object();
    body.put("message", "OnePiece Render API is running");
    return body;
  }
}
