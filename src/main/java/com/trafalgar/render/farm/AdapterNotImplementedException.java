package com.trafalgar.render.farm;

import java.util.Map;

/** {@code adapter.not_implemented} (501): the adapter is a placeholder that cannot submit yet (API.md 12.3). */
public class AdapterNotImplementedException extends RenderFarmException {
  private static final long serialVersionUID = 1L;

  public AdapterNotImplementedException(String message, String hint, Map<String, ?> context) {
    super("adapter.not_implemented", 501, message, hint, context);
  }

  public AdapterNotImplementedException(String message) {
    this(message, null, null);
  }
}
