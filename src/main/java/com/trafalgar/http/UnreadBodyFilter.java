package com.trafalgar.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Closes the connection after an error answer to a request that carried a body. Such answers (401,
 * 403, 413, 415) are sent without reading the body, so a client still sending it must not reuse
 * the connection for its next request.
 */
@ApplicationScoped
@Provider
public class UnreadBodyFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() >= 400 && request.hasEntity()) {
      response.getHeaders().putSingle("Connection", "close");
    }
  }
}
