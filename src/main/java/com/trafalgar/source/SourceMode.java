package com.trafalgar.source;

/** Where dashboard data comes from (API.md 9.1). */
public enum SourceMode {
  SHOTGRID("shotgrid"),
  OFFLINE("offline"),
  DEMO("demo"),
  NONE("none");

  private final String label;

  SourceMode(String label) {
    this.label = label;
  }

  /** The lower-case name used in health data ({@code {"mode": ...}}). */
  public String label() {
    return label;
  }
}
