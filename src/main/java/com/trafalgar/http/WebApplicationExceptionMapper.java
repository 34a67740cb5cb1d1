package com.trafalgar.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, String> headers = new HashMap<>();
    for (String name : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE)) {
      String value = original == null ? null : original.getHeaderString(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    return ApiExceptionMapper.response(new ApiException(status,
        ApiException.detailBody(HttpErrors.messageFor(status)), headers));
  }
}
