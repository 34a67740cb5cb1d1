package com.trafalgar.render.farm;

import java.util.Map;

/** {@code adapter.job_rejected} (409): the farm refused the job (API.md 12.3). */
public class JobRejectedException extends RenderFarmException {
  private static final long serialVersionUID = 1L;

  public JobRejectedException(String message, String hint, Map<String, ?> context) {
    super("adapter.job_rejected", 409, message, hint, context);
  }

  public JobRejectedException(String message) {
    this(message, null, null);
  }
}
