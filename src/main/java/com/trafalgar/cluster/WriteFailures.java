package com.trafalgar.cluster;

import java.sql.SQLException;

/**
 * The wording of a failed job database write for {@code /render/health} ({@code
 * last_write_error}, docs/cluster.md): what the write could not do, never a host, user, path or
 * exception class.
 */
final class WriteFailures {
  private WriteFailures() {}

  /**
   * What a failed write could not do, for {@code /render/health}: no host, user or exception class
   * (the log has those), only the SQL state's class.
   */
  static String describe(Throwable e) {
    if (!(e instanceof SQLException sql)) {
      return "writing to the job database failed: internal error";
    }
    String state = sql.getSQLState();
    String why;
    if (state == null) {
      why = "no answer";
    } else if (state.startsWith("08")) {
      why = "cannot connect";
    } else if (state.startsWith("57")) {
      why = "the database is shutting down or cancelled the write";
    } else if (state.startsWith("53")) {
      why = "the database is out of resources";
    } else {
      why = "SQL state " + state;
    }
    return "writing to the job database failed: " + why;
  }
}
