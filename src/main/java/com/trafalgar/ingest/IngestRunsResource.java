package com.trafalgar.ingest;

import com.trafalgar.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /ingest/runs} and {@code GET /ingest/runs/{run_id}} (API.md 6.2, 6.3). Bodies are
 * the registry snapshot's precomputed JSON bytes: an unchanged registry costs no serialising.
 * The fixed segments {@code stream} and {@code ws} belong to the run streams (8) and are never
 * run ids (1.4), as in {@code RenderJobsResource}.
 */
@ApplicationScoped
@Path("ingest/runs")
@Produces(MediaType.APPLICATION_JSON)
public class IngestRunsResource {
  /** Fixed segments that are never run ids (1.4). */
  private static final Set<String> RESERVED = Set.of("stream", "ws");
  private static final byte[] RUN_NOT_FOUND =
      "{\"detail\":\"Run not found\"}".getBytes(StandardCharsets.UTF_8);

  private final IngestService ingest;

  @Inject
  public IngestRunsResource(IngestService ingest) {
    this.ingest = ingest;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public IngestRunsResource() {
    this.ingest = null;
  }

  @GET
  public Response runs(@Context UriInfo uri) {
    // like the reference service, the last of repeated values is used
    List<String> values = uri.getQueryParameters().get("limit");
    String raw = values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    return json(Response.Status.OK, ingest.listing(RunLimit.parse(raw)));
  }

  @GET
  @Path("{run_id}")
  public Response run(@PathParam("run_id") String runId) {
    if (RESERVED.contains(runId)) {
      throw ApiException.detail(404, "Not Found");
    }
    return ingest.run(runId)
        .map(run -> json(Response.Status.OK, run.json()))
        .orElseGet(() -> json(Response.Status.NOT_FOUND, RUN_NOT_FOUND));
  }

  private static Response json(Response.Status status, byte[] body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
