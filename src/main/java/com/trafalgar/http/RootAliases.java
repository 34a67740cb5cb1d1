package com.trafalgar.http;

import java.util.Map;
import java.util.Optional;

/**
 * The root aliases of API.md 1.3 in one table: {@code /farms}, {@code /jobs} and {@code /runs}
 * with everything below them are {@code /render/farms}, {@code /render/jobs} and {@code
 * /ingest/runs}. Both ways a request enters the application read this table, so an alias is one
 * line here and nothing else: {@link RequestNormalisationFilter} rewrites a REST or SSE request
 * before JAX-RS matches it, and the WebSocket handshake filter hands the WebSocket runtime the
 * canonical endpoint. The alias therefore runs the canonical handler against the same state and
 * needs the same roles, by construction.
 */
public final class RootAliases {
  /** Alias first segment → canonical prefix. */
  private static final Map<String, String> PREFIXES = Map.of(
      "farms", "/render/farms",
      "jobs", "/render/jobs",
      "runs", "/ingest/runs");

  private RootAliases() {}

  /**
   * The canonical spelling of {@code path} when its first segment is an alias, spelled exactly
   * (no percent-encoding: the alias is a literal segment, like a {@code @Path} value); empty for
   * any other path.
   *
   * @param path a path relative to the context root, starting with {@code /}
   */
  public static Optional<String> canonical(String path) {
    if (path == null || !path.startsWith("/")) {
      return Optional.empty();
    }
    int end = path.indexOf('/', 1);
    String first = end < 0 ? path.substring(1) : path.substring(1, end);
    String prefix = PREFIXES.get(first);
    if (prefix == null) {
      return Optional.empty();
    }
    return Optional.of(prefix + (end < 0 ? "" : path.substring(end)));
  }

  /** The alias spelling of a canonical route, e.g. {@code /jobs/{job_id}}; empty when none. */
  public static Optional<String> alias(String canonicalPath) {
    return PREFIXES.entrySet().stream()
        .filter(entry -> canonicalPath.equals(entry.getValue())
            || canonicalPath.startsWith(entry.getValue() + "/"))
        .map(entry -> "/" + entry.getKey()
            + canonicalPath.substring(entry.getValue().length()))
        .findFirst();
  }
}
