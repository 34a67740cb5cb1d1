package com.trafalgar.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One parsed, immutable version of the registry: the runs in file order, in API order (6.2:
 * {@code started_at} descending, missing or invalid last, ties in file order) and by id. Everything
 * a request needs is computed once per parse, so serving an unchanged registry costs no sorting
 * and no serialising: lookups are a hash probe and listings a cached byte array per limit.
 */
public final class RunSnapshot {
  /** Newest first; runs without {@code started_at} last. {@code List.sort} is stable. */
  static final Comparator<IngestRun> API_ORDER =
      Comparator.comparing(
          IngestRun::startedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()));

  public static final RunSnapshot EMPTY = new RunSnapshot(List.of());

  /** Listings are cached for every valid {@code limit} (1..100, 6.2). */
  private static final int MAX_CACHED_LIMIT = 100;

  private final List<IngestRun> fileOrder;
  private final List<IngestRun> apiOrder;
  private final Map<String, IngestRun> byId;
  private final AtomicReferenceArray<byte[]> listings =
      new AtomicReferenceArray<>(MAX_CACHED_LIMIT + 1);

  /** @param runs distinct ids, in registry file order */
  public RunSnapshot(List<IngestRun> runs) {
    this.fileOrder = List.copyOf(runs);
    List<IngestRun> sorted = new ArrayList<>(runs);
    sorted.sort(API_ORDER);
    this.apiOrder = List.copyOf(sorted);
    Map<String, IngestRun> index = new HashMap<>(Math.max(16, runs.size() * 2));
    for (IngestRun run : runs) {
      index.putIfAbsent(run.id(), run);
    }
    this.byId = index;
  }

  public int size() {
    return fileOrder.size();
  }

  /** The runs in registry file order. */
  public List<IngestRun> fileOrder() {
    return fileOrder;
  }

  /** The runs in API order (6.2). */
  public List<IngestRun> apiOrder() {
    return apiOrder;
  }

  /** The run with exactly this id, or {@code null}. */
  public IngestRun find(String id) {
    return id == null ? null : byId.get(id);
  }

  /** The newest {@code limit} runs (API order) as a JSON array, UTF-8. */
  public byte[] listing(int limit) {
    int count = Math.max(0, Math.min(limit, apiOrder.size()));
    if (limit < 1 || limit > MAX_CACHED_LIMIT) {
      return join(count);
    }
    byte[] cached = listings.get(limit);
    if (cached == null) {
      cached = join(count);
      listings.compareAndSet(limit, null, cached);
    }
    return cached;
  }

  /**
   * All runs in API order as a JSON array (the stream snapshot), each item the run's own bytes as
   * a raw value: serialising the array copies them, nothing is parsed or rebuilt.
   */
  public ArrayNode items() {
    ArrayNode items = JsonNodeFactory.instance.arrayNode(apiOrder.size());
    for (IngestRun run : apiOrder) {
      items.addRawValue(new RawValue(new String(run.json(), StandardCharsets.UTF_8)));
    }
    return items;
  }

  private byte[] join(int count) {
    int length = 2;
    for (int i = 0; i < count; i++) {
      length += apiOrder.get(i).json().length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    out.write('[');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(apiOrder.get(i).json());
    }
    out.write(']');
    return out.toByteArray();
  }
}
