package com.trafalgar.bench.floor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The one resource of the floor's CDI + JAX-RS WAR, at Trafalgar's probe path ({@code GET
 * /render/}), with one injected bean so that CDI does real work at deployment.
 */
@Path("render")
@ApplicationScoped
public class FloorResource {
  private final FloorGreeting greeting;

  @Inject
  public FloorResource(FloorGreeting greeting) {
    this.greeting = greeting;
  }

  /** For CDI proxies only. */
  protected FloorResource() {
    this.greeting = null;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String service() {
    return greeting.body();
  }
}
