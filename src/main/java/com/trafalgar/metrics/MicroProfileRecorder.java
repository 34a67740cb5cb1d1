package com.trafalgar.metrics;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * The recorder over the application registry, or {@code null} when none is resolvable. The
   * registry is resolved for a synthetic, unannotated injection point: servers' registry producers
   * read the injection point's annotations (the registry scope), which a plain programmatic lookup
   * does not have.
   */
  static OperationalMetrics.Recorder bind() {
    BeanManager beans = CDI.current().getBeanManager();
    InjectionPoint point = new RegistryInjectionPoint();
    if (beans.getBeans(MetricRegistry.class).isEmpty()) {
      return null;
    }
    Object registry = beans.getInjectableReference(point, beans.createCreationalContext(null));
    return registry instanceof MetricRegistry metrics ? new MicroProfileRecorder(metrics) : null;
  }

  /** An injection point of type {@code MetricRegistry} with no annotation: the default scope. */
  private static final class RegistryInjectionPoint implements InjectionPoint, Annotated {
    @Override
    public Type getType() {
      return MetricRegistry.class;
    }

    @Override
    public Set<Annotation> getQualifiers() {
      return Set.of(Default.Literal.INSTANCE);
    }

    @Override
    public Bean<?> getBean() {
      return null;
    }

    @Override
    public Member getMember() {
      return null;
    }

    @Override
    public Annotated getAnnotated() {
      return this;
    }

    @Override
    public boolean isDelegate() {
      return false;
    }

    @Override
    public boolean isTransient() {
      return false;
    }

    @Override
    public Type getBaseType() {
      return MetricRegistry.class;
    }

    @Override
    public Set<Type> getTypeClosure() {
      return Set.of(MetricRegistry.class, Object.class);
    }

    @Override
    public <T extends Annotation> T getAnnotation(Class<T> annotationType) {
      return null;
    }

    @Override
    public <T extends Annotation> Set<T> getAnnotations(Class<T> annotationType) {
      return Set.of();
    }

    @Override
    public Set<Annotation> getAnnotations() {
      return Set.of();
    }

    @Override
    public boolean isAnnotationPresent(Class<? extends Annotation> annotationType) {
      return false;
    }
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
