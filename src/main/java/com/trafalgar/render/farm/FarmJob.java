package com.trafalgar.render.farm;

import java.time.Instant;

/** A recorded job as an adapter sees it for a status lookup or a cancellation. */
public record FarmJob(String jobId, String farm, Instant submittedAt, FarmSubmission request) {}
