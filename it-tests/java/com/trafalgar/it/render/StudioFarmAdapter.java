package com.trafalgar.it.render;

import com.trafalgar.render.farm.AdapterUnavailableException;
import com.trafalgar.render.farm.CancellableRenderFarmAdapter;
import com.trafalgar.render.farm.FarmJob;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import com.trafalgar.render.farm.JobRejectedException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The example adapter of docs/extending-render-farms.md, verbatim: a studio farm that queues jobs,
 * reports their status and cancels them. A real adapter would call the farm's API where this one
 * keeps a map.
 */
public class StudioFarmAdapter implements CancellableRenderFarmAdapter {
  private final Map<String, String> statuses = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "studiofarm";
  }

  @Override
  public String description() {
    return "Studio render farm.";
  }

  @Override
  public FarmResult submit(FarmSubmission submission) throws JobRejectedException {
    if (submission.scene().endsWith(".tmp")) {
      throw new JobRejectedException("The farm refuses temporary scenes.",
          "Save the scene under its final name and submit again.",
          Map.of("scene", submission.scene()));
    }
    String jobId = "studio-" + UUID.randomUUID();
    statuses.put(jobId, "queued");
    return FarmResult.of(jobId, "queued", "studiofarm", null);
  }

  @Override
  public Optional<FarmResult> lookupStatus(FarmJob job) throws AdapterUnavailableException {
    String status = statuses.get(job.jobId());
    if (status == null) {
      return Optional.empty();  // not ours any more (e.g. the farm was restarted)
    }
    return Optional.of(FarmResult.status(job.jobId(), status));
  }

  @Override
  public FarmResult cancel(FarmJob job) throws JobRejectedException {
    if (statuses.replace(job.jobId(), "cancelled") == null) {
      throw new JobRejectedException("Job '" + job.jobId() + "' is unknown to the farm.",
          null, Map.of("job_id", job.jobId()));
    }
    return FarmResult.of(job.jobId(), "cancelled", null, "Cancelled from Trafalgar.");
  }
}
