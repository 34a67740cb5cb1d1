package com.trafalgar.source;

/**
 * An upstream call that finally failed, with the reason of API.md 9.2.5: {@code HTTP <status>},
 * {@code timeout}, {@code connection failed} or {@code invalid response}. The reason never holds
 * credentials and is shown to clients as {@code ShotGrid query failed: <reason>}.
 */
public class SourceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public SourceException(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  public SourceException(String reason, Throwable cause) {
    super(reason, cause, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
