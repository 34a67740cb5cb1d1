package com.trafalgar.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /ingest/} and {@code GET /ingest/health} (API.md 6.1). No root aliases. */
@ApplicationScoped
@Path("ingest")
@Produces(MediaType.APPLICATION_JSON)
public class IngestRootResource {
  private final IngestService ingest;

  @Inject
  public IngestRootResource(IngestService ingest) {
    this.ingest = ingest;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public IngestRootResource() {
    this.ingest = null;
  }

  @GET
  public ObjectNode root() {
    ObjectNode body = Json.object();
    body.put("message", "OnePiece Ingest API is running");
    return body;
  }

  @GET
  @Path("health")
  public ObjectNode health() {
    return ingest.health();
  }
}
