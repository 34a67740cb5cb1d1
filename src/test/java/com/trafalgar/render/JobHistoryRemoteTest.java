package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.trafalgar.events.DomainEvent;
import com.trafalgar.events.EventDomain;
import com.trafalgar.json.Json;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.testing.MutableClock;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Changes another instance stored (clustered mode) enter the history with their events. */
class JobHistoryRemoteTest {
  static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  final EventDomain domain = new EventDomain("render", 64, 1, "jobs.snapshot", "jobs");
  final JobHistory history = new JobHistory(domain, Optional.of(1), new MutableClock(NOW));

  static RenderJob job(String id) {
    JobRequest request = new JobRequest("maya", "/s.ma", "1-10", "/out", "mock",
        BigInteger.valueOf(50), BigInteger.valueOf(5), null);
    return RenderJob.created(id, "mock", "mock", "submitted", null, request, NOW, 99);
  }

  private List<String> events() {
    return domain.eventsAfter(1000).orElseThrow().stream().map(DomainEvent::name).toList();
  }

  @Test
  void aRemoteJobIsCreatedUpdatedOnlyWhenChangedAndRemoved() {
    RenderJob j1 = job("j1");
    history.applyRemote(JobChange.put(j1));
    assertEquals(1, history.get("j1").sequence(), "numbered by this history");
    history.applyRemote(JobChange.put(j1));
    RenderJob done = j1.apply(FarmResult.status("j1", "completed"), NOW.plusSeconds(1))
        .orElseThrow();
    history.applyRemote(JobChange.put(done));
    assertEquals("completed", history.get("j1").status());
    assertEquals(1, history.get("j1").sequence(), "keeps its place");
    history.applyRemote(JobChange.remove("j1"));
    assertNull(history.get("j1"));
    history.applyRemote(JobChange.remove("unknown"));
    assertEquals(List.of("job.created", "job.updated", "job.removed"), events());
  }

  @Test
  void aJobReadBackFromItsStoredRecordIsNoChange() throws Exception {
    RenderJob done = job("j1").apply(FarmResult.status("j1", "completed"), NOW.plusMillis(1_234))
        .orElseThrow();
    history.applyRemote(JobChange.put(done));
    RenderJob stored = JobRecords.parse(Json.mapper().readTree(Json.compact(done.record())));

    history.applyRemote(JobChange.put(stored));

    assertEquals(List.of("job.created"), events(), "the follower's copy of the same job");
  }

  @Test
  void theLimitIsTheOriginatingInstancesToApply() {
    history.applyRemote(JobChange.put(job("j1")));
    history.applyRemote(JobChange.put(job("j2")));
    assertEquals(2, history.size());
  }
}
