package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** {@code GET /admin/cache} and {@code POST /admin/cache} (API.md 4.4, 4.5), dashboard token. */
@ApplicationScoped
@Path("admin/cache")
@Produces(MediaType.APPLICATION_JSON)
public class CacheAdminResource {
  private final Dashboard dashboard;

  @Inject
  public CacheAdminResource(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public CacheAdminResource() {
    this.dashboard = null;
  }

  @GET
  public ObjectNode cache() {
    return dashboard.cache();
  }

  /** No {@code @Consumes}: the body rules (413, 415, 422) come after authentication. */
  @POST
  public ObjectNode update(@Context HttpHeaders headers, InputStream body) {
    return dashboard.updateCache(RequestBodies.readJson(headers, body));
  }
}
