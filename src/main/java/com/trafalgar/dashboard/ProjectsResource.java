package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /projects/{project}} and {@code /projects/{project}/episodes} (API.md 4.6, 4.7). */
@ApplicationScoped
@Path("projects/{project}")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {
  private final Dashboard dashboard;

  @Inject
  public ProjectsResource(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public ProjectsResource() {
    this.dashboard = null;
  }

  @GET
  public ObjectNode summary(@PathParam("project") String project) {
    return dashboard.project(project);
  }

  @GET
  @Path("episodes")
  public ObjectNode episodes(@PathParam("project") String project) {
    return dashboard.episodes(project);
  }
}
