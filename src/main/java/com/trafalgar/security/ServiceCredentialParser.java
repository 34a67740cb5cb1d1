package com.trafalgar.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.json.Json;
import com.trafalgar.text.Text;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses one source of service credentials (API.md 3.4): an array of entries, or an object mapping
 * ids to entries, with every field alias. Problems are reported as messages that name the source
 * and the entry, never a secret value.
 */
public final class ServiceCredentialParser {

  /** What one source produced: usable entries in order, and problems worth an error log. */
  public record Result(List<ServiceCredential> credentials, List<String> problems) {
    public Result {
      credentials = List.copyOf(credentials);
      problems = List.copyOf(problems);
    }
  }

  private ServiceCredentialParser() {}

  /** Parses {@code json} read from {@code source} (a variable name or a file path). */
  public static Result parse(String source, String json) {
    List<ServiceCredential> credentials = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (Exception e) {
      problems.add("Service credentials from " + source + " are not valid JSON; ignoring them.");
      return new Result(credentials, problems);
    }
    if (root == null || (!root.isArray() && !root.isObject())) {
      problems.add(
          "Service credentials from "
              + source
              + " must be a JSON array or object; ignoring them.");
      return new Result(credentials, problems);
    }
    if (root.isArray()) {
      int index = 0;
      for (JsonNode item : root) {
        if (item.isObject()) {
          entry(source, "item " + index, item, null, credentials, problems);
        } else {
          problems.add("Skipping service credential item " + index + " from " + source
              + ": not an object.");
        }
        index++;
      }
    } else {
      Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isObject()) {
          entry(source, "entry '" + field.getKey() + "'", field.getValue(), field.getKey(),
              credentials, problems);
        } else {
          problems.add("Skipping service credential entry '" + field.getKey() + "' from "
              + source + ": not an object.");
        }
      }
    }
    return new Result(credentials, problems);
  }

  private static void entry(
      String source,
      String where,
      JsonNode item,
      String mappingKey,
      List<ServiceCredential> credentials,
      List<String> problems) {
    Optional<String> id = text(item, "identifier", "id", "name");
    if (id.isEmpty() && !Text.isBlank(mappingKey)) {
      id = Optional.of(Text.trim(mappingKey));
    }
    if (id.isEmpty()) {
      problems.add("Skipping service credential " + where + " from " + source
          + ": it has no identifier.");
      return;
    }
    Optional<String> apiKey = text(item, "api_key", "key");
    Optional<String> apiSecret = text(item, "api_secret", "secret");
    Optional<String> bearer = text(item, "bearer_token", "token", "oauth_token");
    if (apiKey.isEmpty() && bearer.isEmpty()) {
      problems.add("Skipping service credential '" + id.get() + "' from " + source
          + ": it has neither an api_key nor a bearer_token.");
      return;
    }
    credentials.add(
        new ServiceCredential(
            id.get(), apiKey, apiSecret, bearer, roles(item), text(item, "description")));
  }

  /** The first alias present as a string that is non-blank after trimming. */
  private static Optional<String> text(JsonNode item, String... names) {
    for (String name : names) {
      JsonNode value = item.get(name);
      if (value != null && !value.isNull()) {
        if (value.isTextual() && !Text.isBlank(value.textValue())) {
          return Optional.of(Text.trim(value.textValue()));
        }
        // present but unusable (not a string, or blank): counts as absent, try the next alias
      }
    }
    return Optional.empty();
  }

  private static Set<String> roles(JsonNode item) {
    JsonNode value = item.has("roles") ? item.get("roles") : item.get("scopes");
    Set<String> roles = new LinkedHashSet<>();
    if (value == null || value.isNull()) {
      return roles;
    }
    if (value.isTextual()) {
      for (String role : Text.words(value.textValue())) {
        if (!role.isEmpty()) {
          roles.add(role);
        }
      }
    } else if (value.isArray()) {
      for (JsonNode role : value) {
        if (role.isTextual() && !Text.isBlank(role.textValue())) {
          roles.add(Text.trim(role.textValue()));
        }
      }
    }
    return roles;
  }
}
