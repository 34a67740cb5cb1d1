package com.trafalgar.render.farm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A declared adapter failure (API.md 12.3), rendered as the render error envelope (2.4). The base
 * class is {@code adapter.error} with status 502; subclasses fix other codes.
 */
public class RenderFarmException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;
  private final String hint;
  private final transient Map<String, Object> context;

  /**
   * @param code the envelope's {@code code}, e.g. {@code adapter.error}
   * @param status the HTTP status
   * @param message the envelope's {@code message}
   * @param hint omitted from the envelope when {@code null}
   * @param context omitted when {@code null} or empty; values are written as JSON
   */
  public RenderFarmException(
      String code, int status, String message, String hint, Map<String, ?> context) {
    super(message);
    this.code = code;
    this.status = status;
    this.hint = hint;
    this.context =
        context == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<String, Object>(context));
  }

  /** {@code adapter.error} (502). */
  public RenderFarmException(String message, String hint, Map<String, ?> context) {
    this("adapter.error", 502, message, hint, context);
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String hint() {
    return hint;
  }

  public Map<String, Object> context() {
    return context;
  }
}
