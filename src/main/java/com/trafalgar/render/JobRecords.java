package com.trafalgar.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ValidationException;
import com.trafalgar.json.Timestamps;
import com.trafalgar.text.Text;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one job store element back into a {@link RenderJob} under the load rules of API.md 5.13.2
 * (items 4 and 5): bad records are rejected with a reason, bad timestamps repaired.
 */
public final class JobRecords {
  private JobRecords() {}

  /** Why a record was skipped. */
  public static final class BadRecord extends Exception {
    private static final long serialVersionUID = 1L;

    BadRecord(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The job of {@code item}, or {@link BadRecord} saying why it is skipped. */
  public static RenderJob parse(JsonNode item) throws BadRecord {
    if (!item.isObject()) {
      throw new BadRecord("not an object");
    }
    String jobId = text(item.get("job_id"));
    if (jobId == null || jobId.isEmpty()) {
      throw new BadRecord("no job_id");
    }
    String farm = text(item.get("farm"));
    if (Text.isBlank(farm)) {
      throw new BadRecord("job '" + jobId + "' has no farm");
    }
    Optional<Instant> created = Timestamps.parseJson(item.get("created_at"));
    if (created.isEmpty()) {
      throw new BadRecord("job '" + jobId + "' has an unparsable created_at");
    }
    JsonNode requestNode = item.get("request");
    if (requestNode == null || !requestNode.isObject()) {
      throw new BadRecord("job '" + jobId + "' has no request object");
    }
    JobRequest request;
    try {
      request = JobRequestParser.parse((ObjectNode) requestNode, null);
    } catch (ValidationException e) {
      throw new BadRecord("job '" + jobId + "' has an invalid request: " + e.getMessage());
    }
    request = request.withEffective(
        request.priority() == null ? BigInteger.valueOf(50) : request.priority(),
        request.chunkSize());
    Instant createdAt = Timestamps.truncate(created.get());
    Instant updatedAt = Timestamps.parseJson(item.get("updated_at"))
        .map(Timestamps::truncate).orElse(createdAt);
    Instant completedAt = Timestamps.parseJson(item.get("completed_at"))
        .map(Timestamps::truncate).orElse(null);
    String status = text(item.get("status"));
    if (status == null) {
      status = "unknown";
    }
    List<StatusEntry> history = new ArrayList<>();
    JsonNode entries = item.get("status_history");
    if (entries != null && entries.isArray()) {
      for (JsonNode entry : entries) {
        String entryStatus = entry.isObject() ? text(entry.get("status")) : null;
        Optional<Instant> at = entry.isObject()
            ? Timestamps.parseJson(entry.get("timestamp")) : Optional.empty();
        if (entryStatus != null && at.isPresent()) {
          history.add(new StatusEntry(entryStatus, Timestamps.truncate(at.get())));
        }
      }
    }
    if (history.isEmpty()) {
      history.add(new StatusEntry(status, createdAt));
    }
    String farmType = text(item.get("farm_type"));
    String message = text(item.get("message"));
    return new RenderJob(jobId, Text.trim(farm).toLowerCase(Locale.ROOT),
        farmType == null ? farm : farmType, status, message, request, createdAt, updatedAt,
        completedAt, history, 0);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
