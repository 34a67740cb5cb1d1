package com.trafalgar.bench.jmh;

import com.trafalgar.bench.Datasets;
import com.trafalgar.ingest.RegistryParser;
import com.trafalgar.ingest.RunSnapshot;
import com.trafalgar.ingest.SnapshotDiff;
import com.trafalgar.render.farm.Frames;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
 * In-process costs of the feature code on the benchmarks' hot paths: parsing a submission's
 * {@code frames} (every submission), and re-reading the 10,000-run ingest registry after a
 * rewrite that changed one run (20 times a second in the ingest scenario): the whole parse from
 * cold, the parse that reuses unchanged records, and the snapshot diff that turns the change into
 * events. The registry is the benchmark harness's own (two variants differing in the newest run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeatureBenchmarks {
  private byte[] registry;
  private byte[] rewritten;
  private RegistryParser.Parsed parsed;
  private RunSnapshot before;
  private RunSnapshot after;

  @Setup
  public void setUp() throws IOException {
    List<byte[]> variants = Datasets.ingestRegistryVariants();
    registry = variants.get(0);
    rewritten = variants.get(1);
    parsed = RegistryParser.parse(registry, Map.of());
    before = new RunSnapshot(parsed.runs());
    after = new RunSnapshot(RegistryParser.parse(rewritten));
  }

  @Benchmark
  public Frames framesSimpleRange() {
    return Frames.parse("1001-1240");
  }

  @Benchmark
  public Frames framesSteppedList() {
    return Frames.parse("1-1000x2,1001-1200,1500,2000-2400x4");
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public RegistryParser.Parsed registryParseCold10k() throws IOException {
    return RegistryParser.parse(registry, Map.of());
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public RegistryParser.Parsed registryParseOneRunChanged10k() throws IOException {
    return RegistryParser.parse(rewritten, parsed.items());
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<SnapshotDiff.RunChange> snapshotDiffOneRunChanged10k() {
    return SnapshotDiff.between(before, after);
  }
}
