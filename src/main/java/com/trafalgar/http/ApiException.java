package com.trafalgar.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.Map;

/**
 * A failure that already knows its HTTP answer: a status, a JSON body and optional headers. Thrown
 * by resources and services; {@link ApiExceptionMapper} writes it unchanged. The message is the
 * body's text and never holds secrets.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient JsonNode body;
  private final transient Map<String, String> headers;

  public ApiException(int status, JsonNode body, Map<String, String> headers) {
    super(body.toString(), null, false, false);
    this.status = status;
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  public ApiException(int status, JsonNode body) {
    this(status, body, Map.of());
  }

  /** {@code {"detail": "<message>"}} with the given status (API.md 2.2). */
  public static ApiException detail(int status, String message) {
    return new ApiException(status, detailBody(message));
  }

  /** The simple error body of API.md 2.2. */
  public static ObjectNode detailBody(String message) {
    ObjectNode body = Json.object();
    body.put("detail", message);
    return body;
  }

  public int status() {
    return status;
  }

  public JsonNode body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
