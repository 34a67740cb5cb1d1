package com.trafalgar.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.trafalgar.http.TrafalgarApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The static OpenAPI document ({@code META-INF/openapi.yaml}) without a server: it is valid
 * OpenAPI, every operation is documented properly, and its routes are exactly those of the
 * compiled classes. {@code OpenApiIT} checks the document the deployed WAR serves.
 */
class OpenApiDocumentTest {
  private static final String RESOURCE = "META-INF/openapi.yaml";

  private static String text() throws IOException {
    try (InputStream in = TrafalgarApplication.class.getClassLoader()
        .getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode document() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(text());
  }

  @Test
  void isValidOpenApi() throws IOException {
    List<String> problems = new ArrayList<>(OpenApiChecks.problems(text()));
    problems.addAll(OpenApiChecks.operationProblems(document()));
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertEquals("1.0.0", document().path("info").path("version").asText());
  }

  @Test
  void listsExactlyTheRoutesOfTheClasses() throws IOException, URISyntaxException {
    Path classes = Path.of(TrafalgarApplication.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    Set<String> served = ApplicationRoutes.ofDirectory(classes);
    Set<String> documented = ApplicationRoutes.ofDocument(document());
    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    Set<String> unserved = new TreeSet<>(documented);
    unserved.removeAll(served);
    assertTrue(undocumented.isEmpty() && unserved.isEmpty(),
        "Routes missing from " + RESOURCE + ": " + undocumented
            + "\nDocumented routes the application does not have: " + unserved);
  }

  @Test
  void queryParametersHaveTheirRealTypes() throws IOException {
    JsonNode document = document();
    for (String path : new String[] {"/render/jobs", "/jobs", "/ingest/runs", "/runs"}) {
      JsonNode limit = OpenApiChecks.parameter(document, path, "get", "limit");
      assertEquals("integer", limit.path("schema").path("type").asText(), path);
    }
    for (String name : new String[] {"status", "farm"}) {
      JsonNode filter = OpenApiChecks.parameter(document, "/render/jobs", "get", name);
      assertEquals("array", filter.path("schema").path("type").asText(), name);
      assertEquals("string", filter.path("schema").path("items").path("type").asText(), name);
      assertTrue(filter.path("explode").asBoolean(), name);
    }
  }

  @Test
  void declaresEveryCredentialKind() throws IOException {
    JsonNode schemes = document().path("components").path("securitySchemes");
    assertEquals("bearer", schemes.path("bearerAuth").path("scheme").asText());
    assertEquals("X-API-Key", schemes.path("apiKey").path("name").asText());
    assertEquals("X-API-Secret", schemes.path("apiSecret").path("name").asText());
    assertEquals("query", schemes.path("accessToken").path("in").asText());
    assertEquals("access_token", schemes.path("accessToken").path("name").asText());
  }
}
