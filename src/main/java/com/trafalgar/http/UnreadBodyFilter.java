package com.trafalgar.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
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
    if (response.getStatus() >= 400 && declaresBody(
        request.getHeaderString(HttpHeaders.CONTENT_LENGTH),
        request.getHeaderString("Transfer-Encoding"))) {
      response.getHeaders().putSingle("Connection", "close");
    }
  }

  /**
   * Whether the request's framing announces a body (RFC 9112 6.3): any {@code Transfer-Encoding},
   * or a {@code Content-Length} other than zero. Decided from the headers, never by peeking at the
   * entity stream: on a request naming an {@code Upgrade} the server declined (h2c is off,
   * docs/operations.md) Grizzly hands over the raw connection as the body, and a peek blocks until
   * the read times out (30 s, then a 500).
   */
  static boolean declaresBody(String contentLength, String transferEncoding) {
    if (transferEncoding != null && !transferEncoding.isBlank()) {
      return true;
    }
    if (contentLength == null || contentLength.isBlank()) {
      return false;
    }
    try {
      return Long.parseLong(contentLength.trim()) != 0;
    } catch (NumberFormatException unreadable) {
      // not a length anyone can frame a next request after
      return true;
    }
  }
}
