package com.trafalgar.bench.floor;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The platform floor's Servlet (docs/benchmarks.md, scenario {@code floor}): a constant JSON body
 * the size of the baseline's, nothing else. Packed into the minimal WAR by {@link MinimalWar}, so
 * Trafalgar's baseline divided by its throughput is what Jersey, Jackson and the access filter
 * cost on the same server.
 */
public class ConstantServlet extends HttpServlet {
  private static final byte[] BODY =
      "{\"service\":\"floor\",\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(BODY.length);
    response.getOutputStream().write(BODY);
  }
}
