package com.trafalgar.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Last resort: any unexpected failure answers 500 {@code Internal Server Error}, never a trace. */
@ApplicationScoped
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable exception) {
    LOG.log(Level.SEVERE, "Unexpected failure while handling a request", exception);
    return ApiExceptionMapper.response(ApiException.detail(500, "Internal Server Error"));
  }
}
