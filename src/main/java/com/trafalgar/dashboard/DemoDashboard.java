package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ApiException;
import com.trafalgar.source.SourceMode;
import com.trafalgar.text.Text;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard in demo mode (API.md 13): every answer comes from the fixed {@link DemoDataset}
 * and nothing else is read — no roster file, no sync, no reconcile report, no deliveries root, no
 * render/ingest/review figures. {@code POST /admin/cache} still validates its body but changes
 * nothing. Stateless: the dataset hands out copies.
 */
final class DemoDashboard implements Dashboard {

  @Override
  public SourceMode mode() {
    return SourceMode.DEMO;
  }

  @Override
  public List<String> knownProjects() {
    return DemoDataset.projects();
  }

  @Override
  public Figures figures() {
    return new Figures(DemoDataset.overall(), DemoDataset.ingest(), DemoDataset.render(),
        DemoDataset.review());
  }

  /** Demo names match exactly (13), unlike live project routes. */
  @Override
  public ObjectNode project(String project) {
    return DemoDataset.summary(project).orElseThrow(DemoDashboard::projectNotFound);
  }

  @Override
  public ObjectNode episodes(String project) {
    return DemoDataset.episodes(project).orElseThrow(DemoDashboard::projectNotFound);
  }

  private static ApiException projectNotFound() {
    return ApiException.detail(404, "Project not found");
  }

  @Override
  public List<ObjectNode> errors() {
    return DemoDataset.errors();
  }

  @Override
  public List<ObjectNode> errorSummary() {
    return Reconciliation.summary(errors());
  }

  @Override
  public List<ObjectNode> deliveries(String project, boolean withLinks) {
    return Deliveries.answer(project, DemoDataset.deliveries(project), withLinks);
  }

  @Override
  public ObjectNode deliveryManifest(String project, String delivery) {
    return Deliveries.manifestAnswer(DemoDataset.files(project, Text.trim(delivery)));
  }

  /** The demo cache settings (13) and the five buckets, empty. */
  @Override
  public ObjectNode cache() {
    ObjectNode body = DemoDataset.cacheSettings();
    ObjectNode buckets = body.putObject("buckets");
    ProjectCache.Stats empty = new ProjectCache.Stats(0, null, null, 0);
    for (String name : CacheAdmin.BUCKETS) {
      CacheAdmin.bucket(buckets, name, empty);
    }
    return body;
  }

  @Override
  public ObjectNode updateCache(Optional<JsonNode> body) {
    CacheUpdate.parse(body);
    return cache();
  }
}
