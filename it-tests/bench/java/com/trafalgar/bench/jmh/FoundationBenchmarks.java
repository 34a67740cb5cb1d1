package com.trafalgar.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process costs of the foundation code every request and event goes through: the event
 * payload written as compact JSON (once per event, then shared by all subscribers), the job store
 * written pretty and sorted (once per accepted submission with the store on, 10,000 jobs), and
 * the timestamp format and parse of API.md 2.6. Feature code has {@link FeatureBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FoundationBenchmarks {
  private ObjectNode event;
  private ArrayNode store;
  private Instant instant;
  private String isoText;

  @Setup
  public void setUp() {
    instant = Instant.parse("2026-05-12T14:30:45.123456Z");
    isoText = Timestamps.format(instant);
    event = Json.object();
    event.put("event", "job.created");
    event.set("job", job(0));
    store = Json.mapper().createArrayNode();
    for (int i = 0; i < 10_000; i++) {
      store.add(job(i));
    }
  }

  private ObjectNode job(int i) {
    ObjectNode job = Json.object();
    String at = Timestamps.format(instant.plusSeconds(i * 60L));
    job.putNull("completed_at");
    job.put("created_at", at);
    job.put("farm", "mock");
    job.put("farm_type", "mock");
    job.put("job_id", String.format("mock-%032x", i));
    job.putNull("message");
    ObjectNode request = job.putObject("request");
    request.put("chunk_size", 5);
    request.put("dcc", "maya");
    request.put("farm", "mock");
    request.put("frames", "1-10");
    request.put("output", "/projects/demo/out");
    request.put("priority", 50);
    request.put("scene", "/projects/demo/scene-" + i + ".ma");
    request.putNull("user");
    job.put("status", "submitted");
    job.putArray("status_history").addObject().put("status", "submitted").put("timestamp", at);
    job.put("updated_at", at);
    return job;
  }

  @Benchmark
  public String eventPayloadCompact() {
    return Json.compact(event);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public byte[] jobStorePrettySorted10k() {
    return Json.prettySorted(store);
  }

  @Benchmark
  public String timestampFormat() {
    return Timestamps.format(instant);
  }

  @Benchmark
  public Optional<Instant> timestampParse() {
    return Timestamps.parseIso(isoText);
  }
}
