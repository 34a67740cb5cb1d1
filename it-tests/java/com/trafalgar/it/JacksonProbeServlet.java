package com.trafalgar.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.CodeSource;

/**
 * TEST ONLY, added to {@link BundledJacksonIT}'s archive: answers which Jackson the application's
 * classes link to (version and where each class was loaded from), as the server's class loading
 * resolves it for the deployment. A servlet, so the roles matrix never sees it.
 */
@WebServlet("/__test/jackson")
public class JacksonProbeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ObjectNode answer = new ObjectMapper().createObjectNode();
    answer.put("databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    answer.put("databind_from", from(ObjectMapper.class));
    answer.put("provider",
        com.fasterxml.jackson.jakarta.rs.json.PackageVersion.VERSION.toString());
    answer.put("provider_from", from(JacksonJsonProvider.class));
    response.setContentType("application/json");
    response.getWriter().write(answer.toString());
  }

  private static String from(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return type.getClassLoader() + " " + (source == null ? "?" : source.getLocation());
  }
}
