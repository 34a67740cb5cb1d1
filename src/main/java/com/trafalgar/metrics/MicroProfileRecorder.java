package com.trafalgar.metrics;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts into the application's MicroProfile Metrics registry. Only loaded after
 * {@link OperationalMetrics} has checked that the API exists, so servers without it never link it.
 */
final class MicroProfileRecorder implements OperationalMetrics.Recorder {
  private record Key(String name, List<String> tags) {}

  private final MetricRegistry registry;
  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

  private MicroProfileRecorder(MetricRegistry registry) {
    this.registry = registry;
  }

  /** The recorder over the application registry, or {@code null} when none is resolvable. */
  static OperationalMetrics.Recorder bind() {
    Instance<MetricRegistry> registry = CDI.current().select(MetricRegistry.class);
    return registry.isResolvable() ? new MicroProfileRecorder(registry.get()) : null;
  }

  @Override
  public void increment(String name, long amount, String... tagPairs) {
    if (amount <= 0) {
      return;
    }
    Counter counter = counters.computeIfAbsent(new Key(name, Arrays.asList(tagPairs)), key -> {
      Tag[] tags = new Tag[tagPairs.length / 2];
      for (int i = 0; i < tags.length; i++) {
        tags[i] = new Tag(tagPairs[2 * i], tagPairs[2 * i + 1]);
      }
      return registry.counter(name, tags);
    });
    counter.inc(amount);
  }
}
