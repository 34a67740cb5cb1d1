package com.trafalgar.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes an {@link ApiException} as its status, JSON body and headers. */
@ApplicationScoped
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
  @Override
  public Response toResponse(ApiException exception) {
    return response(exception);
  }

  /** The answer of {@code exception}: its status, JSON body and headers. */
  static Response response(ApiException exception) {
    Response.ResponseBuilder response =
        Response.status(exception.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(exception.body().toString());
    exception.headers().forEach(response::header);
    return response.build();
  }
}
