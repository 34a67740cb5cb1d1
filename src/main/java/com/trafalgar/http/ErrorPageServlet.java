package com.trafalgar.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Target of the container's error pages (web.xml): errors the servlet container raises itself
 * (bad URIs, oversized requests, failures outside JAX-RS) are answered as JSON, never HTML.
 */
@WebServlet(name = "trafalgar-errors", urlPatterns = "/__trafalgar/error")
public class ErrorPageServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : 404;
    if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
      // requested directly, not as an error page: it is not a route
      status = 404;
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(ApiException.detailBody(HttpErrors.messageFor(status)).toString());
  }
}
