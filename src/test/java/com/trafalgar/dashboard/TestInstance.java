package com.trafalgar.dashboard;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.Iterator;
import java.util.List;

/**
 * A CDI {@link Instance} over zero or one object, standing in for the container's lookup of the
 * render/ingest/review views (unsatisfied when the feature is not deployed).
 */
final class TestInstance<T> implements Instance<T> {
  private final T value;

  private TestInstance(T value) {
    this.value = value;
  }

  static <T> TestInstance<T> of(T value) {
    return new TestInstance<>(value);
  }

  static <T> TestInstance<T> none() {
    return new TestInstance<>(null);
  }

  @Override
  public T get() {
    if (value == null) {
      throw new jakarta.enterprise.inject.UnsatisfiedResolutionException("none");
    }
    return value;
  }

  @Override
  public Iterator<T> iterator() {
    return value == null ? List.<T>of().iterator() : List.of(value).iterator();
  }

  @Override
  public Instance<T> select(Annotation... qualifiers) {
    return this;
  }

  @Override
  public <U extends T> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <U extends T> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isUnsatisfied() {
    return value == null;
  }

  @Override
  public boolean isAmbiguous() {
    return false;
  }

  @Override
  public void destroy(T instance) {}

  @Override
  public Handle<T> getHandle() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Iterable<? extends Handle<T>> handles() {
    throw new UnsupportedOperationException();
  }
}
