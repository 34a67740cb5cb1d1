package com.trafalgar.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What makes the OpenAPI document usable, beyond listing the right routes: it parses and
 * validates as OpenAPI (swagger-parser, every {@code $ref} resolved), and every operation says
 * who may call it, what it takes and what it answers, with real status codes.
 */
public final class OpenApiChecks {
  private static final Set<String> OPERATIONS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private OpenApiChecks() {}

  public static boolean isOperation(String key) {
    return OPERATIONS.contains(key);
  }

  /** Every problem found in the document (JSON or YAML text); empty when it is sound. */
  public static List<String> problems(String content) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(content, null, options);
    List<String> problems = new ArrayList<>();
    if (result.getMessages() != null) {
      result.getMessages().forEach(message -> problems.add("parser: " + message));
    }
    if (result.getOpenAPI() == null) {
      problems.add("not an OpenAPI document");
    }
    return problems;
  }

  /** Problems of the operations themselves, read from the document as JSON. */
  public static List<String> operationProblems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    JsonNode paths = document.path("paths");
    paths.fieldNames().forEachRemaining(path -> paths.get(path).fields().forEachRemaining(op -> {
      if (!isOperation(op.getKey())) {
        return;
      }
      String where = op.getKey().toUpperCase() + " " + path;
      JsonNode operation = op.getValue();
      if (operation.path("summary").asText().isBlank()) {
        problems.add(where + ": no summary");
      }
      if (operation.path("operationId").asText().isBlank()) {
        problems.add(where + ": no operationId");
      }
      if (!operation.path("description").asText().startsWith("**Access:** ")) {
        problems.add(where + ": the description does not start with **Access:** (public, "
            + "dashboard token, or the role)");
      }
      List<String> statuses = new ArrayList<>();
      operation.path("responses").fieldNames().forEachRemaining(statuses::add);
      if (statuses.isEmpty() || statuses.equals(List.of("default"))) {
        problems.add(where + ": no response with a status code");
      }
      for (JsonNode parameter : allParameters(document, paths.get(path), operation)) {
        if (!parameter.path("schema").has("type")) {
          problems.add(where + ": parameter " + parameter.path("name").asText()
              + " has no typed schema");
        }
        if ("path".equals(parameter.path("in").asText()) && !parameter.has("example")) {
          problems.add(where + ": path parameter " + parameter.path("name").asText()
              + " has no example");
        }
      }
    }));
    return problems;
  }

  /** One parameter of an operation ({@code $ref}s resolved); a missing node when absent. */
  public static JsonNode parameter(JsonNode document, String path, String method, String name) {
    JsonNode item = document.path("paths").path(path);
    for (JsonNode parameter : allParameters(document, item, item.path(method))) {
      if (name.equals(parameter.path("name").asText())) {
        return parameter;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** The path item's and the operation's parameters, with {@code $ref}s resolved. */
  public static List<JsonNode> allParameters(JsonNode document, JsonNode item,
      JsonNode operation) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode list : new JsonNode[] {item.path("parameters"), operation.path("parameters")}) {
      for (JsonNode parameter : list) {
        all.add(resolve(document, parameter));
      }
    }
    return all;
  }

  /** Follows a local {@code $ref} ({@code #/components/...}). */
  public static JsonNode resolve(JsonNode document, JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("Only local references are supported: " + ref);
      }
      current = document.at(ref.substring(1));
    }
    return current;
  }
}
