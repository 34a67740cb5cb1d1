package com.trafalgar.ingest;

import java.util.Locale;

/** {@code registry.state} of {@code /ingest/health} (API.md 6.1, 6.5). */
public enum RegistryState {
  /** The last read parsed. */
  OK,
  /** The file is absent: no runs. */
  MISSING,
  /** The last read failed; the last good snapshot is served. */
  STALE;

  /** The lower-case name written in health payloads. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
