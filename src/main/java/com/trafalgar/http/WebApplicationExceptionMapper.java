package com.trafalgar.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the JAX-RS runtime's own errors (no route, wrong method, unreadable input) into the JSON
 * bodies of API.md 2.2, keeping headers such as {@code Allow}.
 */
@ApplicationScoped
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    int status = original == null ? 500 : original.getStatus();
    if (status >= 500) {
      LOG.log(Level.SEVERE, "Request failed inside the JAX-RS runtime", exception);
    }
    Response.ResponseBuilder response =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ApiException.detailBody(HttpErrors.messageFor(status)).toString());
    if (original != null) {
      Object allow = original.getHeaderString(HttpHeaders.ALLOW);
      if (allow != null) {
        response.header(HttpHeaders.ALLOW, allow);
      }
      String challenge = original.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
      if (challenge != null) {
        response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
      }
    }
    return response.build();
  }
}
