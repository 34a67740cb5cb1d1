package com.trafalgar.render.farm;

/** An adapter that can cancel its jobs ({@code DELETE /render/jobs/{job_id}}, API.md 5.9). */
public interface CancellableRenderFarmAdapter extends RenderFarmAdapter {
  /** Cancels a job; the result is applied to the job like a status refresh. */
  FarmResult cancel(FarmJob job) throws RenderFarmException;
}
