package com.trafalgar.shotgrid;

/**
 * A ShotGrid call that finally failed, with a reason safe to show to clients: {@code HTTP
 * <status>}, {@code timeout}, {@code connection failed} or {@code invalid response}. The reason
 * never holds credentials. The source package turns it into its own failure.
 */
public class ShotGridException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public ShotGridException(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
