package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.render.farm.FarmJob;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import com.trafalgar.text.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One job of the history (API.md 5.4): immutable; a change produces a new value that replaces the
 * old one in {@link JobHistory}.
 *
 * @param sequence submission order within this process (newest is highest)
 */
public record RenderJob(
    String jobId,
    String farm,
    String farmType,
    String status,
    String message,
    JobRequest request,
    Instant createdAt,
    Instant updatedAt,
    Instant completedAt,
    List<StatusEntry> history,
    long sequence) {

  /** Terminal statuses, compared trimmed and case-insensitively. */
  public static final Set<String> TERMINAL =
      Set.of("completed", "failed", "cancelled", "aborted", "errored", "error");

  public RenderJob {
    history = List.copyOf(history);
  }

  /** A new job as recorded at submission (5.4). */
  public static RenderJob created(String jobId, String farm, String farmType, String status,
      String message, JobRequest request, Instant now, long sequence) {
    return new RenderJob(jobId, farm, farmType, status, message, request, now, now,
        isTerminal(status) ? now : null, List.of(new StatusEntry(status, now)), sequence);
  }

  public static boolean isTerminal(String status) {
    return status != null && TERMINAL.contains(Text.trim(status).toLowerCase(Locale.ROOT));
  }

  public boolean isActive() {
    return !isTerminal(status);
  }

  /**
   * Applies an adapter result (5.4); empty when nothing changed. Status, message (only when the
   * result sets one) and farm type are compared with the current values.
   */
  public Optional<RenderJob> apply(FarmResult result, Instant now) {
    String newStatus = status;
    Instant newCompleted = completedAt;
    List<StatusEntry> newHistory = history;
    boolean changed = false;
    if (!Text.isBlank(result.status())
        && !result.status().equals(status)) {
      newStatus = result.status();
      newHistory = new ArrayList<>(history);
      newHistory.add(new StatusEntry(newStatus, now));
      newCompleted = isTerminal(newStatus) ? now : null;
      changed = true;
    }
    String newMessage = message;
    if (result.messageSet() && !Objects.equals(result.message(), message)) {
      newMessage = result.message();
      changed = true;
    }
    String newFarmType = farmType;
    if (!Text.isBlank(result.farmType())
        && !result.farmType().equals(farmType)) {
      newFarmType = result.farmType();
      changed = true;
    }
    if (!changed) {
      return Optional.empty();
    }
    return Optional.of(new RenderJob(jobId, farm, newFarmType, newStatus, newMessage, request,
        createdAt, now, newCompleted, newHistory, sequence));
  }

  /** The job as an adapter sees it for lookups and cancellation. */
  public FarmJob farmJob(String user) {
    return new FarmJob(jobId, farm, createdAt, new FarmSubmission(request.dcc(), request.scene(),
        request.frames(), request.output(), request.priority().intValue(),
        request.chunkSize() == null ? null : request.chunkSize().intValue(),
        request.user() != null ? request.user() : user), request.frameCount());
  }

  /** RenderJobMetadata (5.4). */
  public ObjectNode metadata() {
    ObjectNode node = Json.object();
    node.put("job_id", jobId);
    node.put("farm", farm);
    node.put("farm_type", farmType);
    node.put("status", status);
    node.put("message", message);
    node.set("request", request.toJson());
    node.put("submitted_at", Timestamps.format(createdAt));
    return node;
  }

  /** The job store element (5.13.1). */
  public ObjectNode record() {
    ObjectNode node = Json.object();
    node.put("completed_at", Timestamps.format(completedAt));
    node.put("created_at", Timestamps.format(createdAt));
    node.put("farm", farm);
    node.put("farm_type", farmType);
    node.put("job_id", jobId);
    node.put("message", message);
    node.set("request", request.toJson());
    node.put("status", status);
    ArrayNode entries = node.putArray("status_history");
    for (StatusEntry entry : history) {
      ObjectNode item = entries.addObject();
      item.put("status", entry.status());
      item.put("timestamp", Timestamps.format(entry.timestamp()));
    }
    node.put("updated_at", Timestamps.format(updatedAt));
    return node;
  }

  public RenderJob withSequence(long newSequence) {
    return new RenderJob(jobId, farm, farmType, status, message, request, createdAt, updatedAt,
        completedAt, history, newSequence);
  }
}
