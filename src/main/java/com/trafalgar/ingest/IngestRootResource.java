package com.trafalgar.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /ingest/} (API.md 6.1): the ingest area answers. */
@ApplicationScoped
@Path("ingest")
@Produces(MediaType.APPLICATION_JSON)
public class IngestRootResource {
  @GET
  public ObjectNode root() {
    ObjectNode body = Json.object();
    body.put("message", "OnePiece Ingest API is running");
    return body;
  }
}
