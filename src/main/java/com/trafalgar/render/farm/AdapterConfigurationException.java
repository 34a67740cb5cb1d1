package com.trafalgar.render.farm;

import java.util.Map;

/** {@code adapter.configuration_error} (400): the adapter is misconfigured (API.md 12.3). */
public class AdapterConfigurationException extends RenderFarmException {
  private static final long serialVersionUID = 1L;

  public AdapterConfigurationException(String message, String hint, Map<String, ?> context) {
    super("adapter.configuration_error", 400, message, hint, context);
  }

  public AdapterConfigurationException(String message) {
    this(message, null, null);
  }
}
