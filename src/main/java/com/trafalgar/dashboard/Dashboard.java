package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.source.SourceMode;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard routes ask (API.md 4, 9.4–9.9, 13). {@link DashboardSelector} chooses one
 * implementation at startup: {@link DemoDashboard} in demo mode, {@link LiveDashboard} over
 * ShotGrid, the offline file or nothing otherwise; the resources only see this interface.
 */
public interface Dashboard {
  /** The dashboard's data-source mode (9.1), fixed at startup. */
  SourceMode mode();

  /** Known projects (9.5), sorted by code point. */
  List<String> knownProjects();

  /** {@code GET /status} (4.2). */
  default ObjectNode status() {
    return figures().status();
  }

  /** {@code GET /metrics} (4.3): the figures of {@code /status}, in four keys. */
  default ObjectNode metrics() {
    return figures().metrics();
  }

  /** The figures of {@code /status} and {@code /metrics}, computed now. */
  Figures figures();

  /** {@code GET /projects/{project}} (4.6); a 404 or 502 {@code ApiException} otherwise. */
  ObjectNode project(String project);

  /** {@code GET /projects/{project}/episodes} (4.7); failures as {@link #project}. */
  ObjectNode episodes(String project);

  /** {@code GET /errors} (4.8): the mismatches of the reconcile report (9.7). */
  List<ObjectNode> errors();

  /** {@code GET /errors/summary} (4.9). */
  List<ObjectNode> errorSummary();

  /** {@code GET /deliveries/{project}} (4.10); {@code manifest_api} only with the token. */
  List<ObjectNode> deliveries(String project, boolean withLinks);

  /** {@code GET /deliveries/{project}/{delivery}} (4.11). */
  ObjectNode deliveryManifest(String project, String delivery);

  /** {@code GET /admin/cache} (4.4). */
  ObjectNode cache();

  /**
   * {@code POST /admin/cache} (4.5): validates the body (a rejected body changes nothing), then
   * applies it and answers the {@link #cache()} payload as it is afterwards.
   */
  ObjectNode updateCache(Optional<JsonNode> body);
}
