package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.security.AccessFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /deliveries/{project}} (public; the dashboard token adds {@code manifest_api}) and
 * {@code GET /deliveries/{project}/{delivery}} (dashboard token), API.md 4.10, 4.11. {@code
 * {delivery}} takes the rest of the path, decoded, so encoded and plain slashes both work.
 */
@ApplicationScoped
@Path("deliveries/{project}")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {
  private final Dashboard dashboard;

  @Inject
  public DeliveriesResource(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public DeliveriesResource() {
    this.dashboard = null;
  }

  @GET
  public List<ObjectNode> list(
      @PathParam("project") String project, @Context HttpServletRequest request) {
    // the access filter's request property is a servlet request attribute in a servlet container
    boolean token =
        Boolean.TRUE.equals(request.getAttribute(AccessFilter.DASHBOARD_TOKEN_PROPERTY));
    return dashboard.deliveries(project, token);
  }

  @GET
  @Path("{delivery: .+}")
  public ObjectNode manifest(
      @PathParam("project") String project, @PathParam("delivery") String delivery) {
    return dashboard.deliveryManifest(project, delivery);
  }
}
