package com.trafalgar.it.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.apidocs.ApplicationRoutes;
import com.trafalgar.apidocs.OpenApiChecks;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.TargetServer;
import com.trafalgar.it.WarTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the deployed WAR serves at {@code /openapi} against the routes the
 * application really has: a route missing from the document, or a documented route the server does
 * not route, fails the build. Nothing is configured, so every protected route answers 503 after
 * routing: only 404 {@code Not Found} and 405 mean "no such route". Also the document's human page
 * at {@code /api-docs/}.
 */
@WarTest
class OpenApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar();
  }

  @ArquillianResource Http http;

  private JsonNode document() {
    Http.Answer answer = http.get("/openapi", "Accept", "application/json");
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  @Test
  void documentListsExactlyTheRoutesOfTheWar() {
    Set<String> served = ApplicationRoutes.ofWar(
        Path.of(System.getProperty("trafalgar.war", "target/trafalgar.war")));
    Set<String> documented = ApplicationRoutes.ofDocument(document());
    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    Set<String> unserved = new TreeSet<>(documented);
    unserved.removeAll(served);
    assertTrue(undocumented.isEmpty() && unserved.isEmpty(),
        "Routes missing from /openapi: " + undocumented
            + "\nDocumented routes the application does not have: " + unserved);
  }

  @Test
  void everyDocumentedOperationIsRoutedByTheServer() {
    List<String> unrouted = new ArrayList<>();
    JsonNode document = document();
    JsonNode paths = document.path("paths");
    paths.fieldNames().forEachRemaining(path -> paths.get(path).fields().forEachRemaining(op -> {
      if (!OpenApiChecks.isOperation(op.getKey())) {
        return;
      }
      String method = op.getKey().toUpperCase();
      String url = concrete(document, path, op.getValue());
      // MicroProfile Health is the server's, on its management port where the server puts it
      Http.Answer answer = url.startsWith("/health") && method.equals("GET")
          ? http.health(url) : http.method(method, url);
      boolean unknown = answer.status() == 404 && answer.body().contains("\"Not Found\"");
      if (unknown || answer.status() == 405) {
        unrouted.add(method + " " + url + " -> " + answer.status() + " " + answer.body());
      }
    }));
    assertTrue(unrouted.isEmpty(), "Documented but not routed: " + unrouted);
  }

  /** The path with each template replaced by its parameter's documented example. */
  private static String concrete(JsonNode document, String path, JsonNode operation) {
    String url = path;
    for (JsonNode parameter : OpenApiChecks.allParameters(document,
        document.path("paths").path(path), operation)) {
      if (!"path".equals(parameter.path("in").asText())) {
        continue;
      }
      JsonNode example = parameter.path("example");
      if (example.isMissingNode()) {
        fail("Path parameter without an example: " + path + " " + parameter);
      }
      // a {delivery} or {asset} example may hold slashes: they stay path separators
      url = url.replace("{" + parameter.path("name").asText() + "}",
          URLEncoder.encode(example.asText(), StandardCharsets.UTF_8).replace("+", "%20")
              .replace("%2F", "/"));
    }
    if (url.contains("{")) {
      fail("Path template without a parameter: " + path);
    }
    return url;
  }

  @Test
  void documentIsValidOpenApiWithTheProjectsOwnTypes() {
    ObjectNode document = (ObjectNode) document();
    // Payara (up to 6.2025.x) adds a top-level "endpoints" list that is not OpenAPI (fixed upstream
    // as "x-endpoints", FISH-12303); everything else must validate as served.
    if (TargetServer.name().startsWith("payara")) {
      document.remove("endpoints");
    }
    List<String> problems = new ArrayList<>(OpenApiChecks.problems(document.toString()));
    problems.addAll(OpenApiChecks.operationProblems(document));
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertEquals("1.0.0", document.path("info").path("version").asText());
    JsonNode limit = OpenApiChecks.parameter(document, "/render/jobs", "get", "limit");
    assertEquals("integer", limit.path("schema").path("type").asText(), limit.toString());
    assertEquals("/", document.path("servers").path(0).path("url").asText(),
        "the document's own server entry, so the page's requests go to the page's origin");
  }

  @Test
  void humanPageServesEveryFileItNamesWithoutInlineScript() {
    Http.Answer page = http.get("/api-docs/");
    assertEquals(200, page.status(), page.body());
    assertEquals("text/html", page.mediaType());
    assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'self'"),
        page.header("Content-Security-Policy"));
    assertEquals(200, http.get("/api-docs").status(), "one trailing slash is ignored");
    assertTrue(page.body().contains("data-openapi-url=\"/openapi\""), page.body());
    Matcher reference = Pattern.compile("(?:src|href)=\"(/api-docs/[^\"]+)\"")
        .matcher(page.body());
    int files = 0;
    while (reference.find()) {
      files++;
      Http.Answer file = http.get(reference.group(1));
      assertEquals(200, file.status(), reference.group(1));
      assertTrue(file.mediaType().startsWith("text/") || file.mediaType().startsWith("image/"),
          reference.group(1) + " " + file.mediaType());
    }
    assertEquals(5, files, page.body());
    assertFalse(Pattern.compile("<script>").matcher(page.body()).find(), "no inline script");
    Http.Answer other = http.get("/api-docs/swagger-initializer.js");
    assertEquals(404, other.status());
    assertEquals("application/json", other.mediaType());
  }
}
