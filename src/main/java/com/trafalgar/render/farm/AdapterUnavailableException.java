package com.trafalgar.render.farm;

import java.util.Map;

/** {@code adapter.unavailable} (503): the farm cannot be reached (API.md 12.3). */
public class AdapterUnavailableException extends RenderFarmException {
  private static final long serialVersionUID = 1L;

  public AdapterUnavailableException(String message, String hint, Map<String, ?> context) {
    super("adapter.unavailable", 503, message, hint, context);
  }

  public AdapterUnavailableException(String message) {
    this(message, null, null);
  }
}
