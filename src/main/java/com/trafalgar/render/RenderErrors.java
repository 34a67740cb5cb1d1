package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ApiException;
import com.trafalgar.json.Json;
import com.trafalgar.render.farm.RenderFarmException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The render error envelope of API.md 2.4. */
public final class RenderErrors {
  private RenderErrors() {}

  /** An envelope answer; {@code hint} and an empty {@code context} are omitted. */
  public static ApiException envelope(int status, String code, String message, String hint,
      Map<String, ?> context) {
    ObjectNode error = Json.object();
    error.put("code", code);
    error.put("message", message);
    if (hint != null) {
      error.put("hint", hint);
    }
    if (context != null && !context.isEmpty()) {
      ObjectNode node = error.putObject("context");
      context.forEach((key, value) -> node.set(key, Json.tree(value)));
    }
    ObjectNode body = Json.object();
    body.set("error", error);
    return new ApiException(status, body);
  }

  /** A declared adapter error as its envelope. */
  public static ApiException of(RenderFarmException e) {
    return envelope(e.status(), e.code(), String.valueOf(e.getMessage()), e.hint(), e.context());
  }

  /** A context map keeping {@code null} values and insertion order. */
  public static Map<String, Object> context(Object... pairs) {
    Map<String, Object> context = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      context.put((String) pairs[i], pairs[i + 1]);
    }
    return context;
  }
}
