package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import com.trafalgar.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs of a stream snapshot (API.md 8.3, 8.6) as JSON, each job's metadata serialised once
 * per value of the job and reused by every later snapshot while the job is unchanged. A snapshot
 * of 10,000 jobs then costs copying their JSON, not building and serialising 10,000 documents per
 * client: CPU that the threads writing to every other client need (docs/render.md, *Stream
 * snapshots*).
 *
 * <p>Only what the last snapshot held is kept, so the memory follows the history (a few hundred
 * bytes per job). Concurrent snapshots may each serialise a job that neither found; the result is
 * the same.
 */
final class SerializedJobs {
  private record Serialized(RenderJob job, String json) {}

  // replaced whole by each snapshot; a job's entry is valid for that very value (identity)
  private volatile Map<String, Serialized> last = Map.of();

  /** The array of the jobs' metadata, in the given order, for serialising with the message. */
  ArrayNode items(List<RenderJob> jobs) {
    Map<String, Serialized> previous = last;
    Map<String, Serialized> current = new HashMap<>(jobs.size() * 4 / 3 + 1);
    ArrayNode items = JsonNodeFactory.instance.arrayNode(jobs.size());
    for (RenderJob job : jobs) {
      Serialized entry = previous.get(job.jobId());
      if (entry == null || entry.job() != job) {
        entry = new Serialized(job, Json.compact(job.metadata()));
      }
      current.put(job.jobId(), entry);
      items.addRawValue(new RawValue(entry.json()));
    }
    last = current;
    return items;
  }
}
