package com.trafalgar.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An insertion-ordered map in two arrays: the children of a JSON object held for long (the offline
 * data set, ShotGrid's version pages, the ingest registry's runs). A {@code LinkedHashMap} costs
 * about 40 bytes an entry plus its table; this costs 8, which for the benchmark show's 50,000
 * versions and 10,000 runs is tens of MiB of heap (docs/benchmarks.md). Lookups are linear up to
 * {@value #INDEXED} keys, then through a hash index, so a large object stays fast to build.
 * Mutable like the map it replaces: Jackson's {@code ObjectNode} may add, replace and remove.
 *
 * @param <K> the key type (field names)
 * @param <V> the value type (child nodes)
 */
final class SmallMap<K, V> extends AbstractMap<K, V> {
  private static final int INDEXED = 16;

  private Object[] keys;
  private Object[] values;
  private int size;
  /** Key → position, only while more than {@value #INDEXED} keys. */
  private HashMap<Object, Integer> index;

  SmallMap() {
    keys = new Object[4];
    values = new Object[4];
  }

  @Override
  public int size() {
    return size;
  }

  private int find(Object key) {
    if (index != null) {
      Integer at = index.get(key);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < size; i++) {
      if (Objects.equals(keys[i], key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int at = find(key);
    return at < 0 ? null : (V) values[at];
  }

  @Override
  @SuppressWarnings("unchecked")
  public V put(K key, V value) {
    int at = find(key);
    if (at >= 0) {
      V previous = (V) values[at];
      values[at] = value;
      return previous;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    size++;
    if (index != null) {
      index.put(key, size - 1);
    } else if (size > INDEXED) {
      reindex();
    }
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V remove(Object key) {
    int at = find(key);
    if (at < 0) {
      return null;
    }
    V previous = (V) values[at];
    removeAt(at);
    return previous;
  }

  private void removeAt(int at) {
    System.arraycopy(keys, at + 1, keys, at, size - at - 1);
    System.arraycopy(values, at + 1, values, at, size - at - 1);
    size--;
    keys[size] = null;
    values[size] = null;
    index = null;
    if (size > INDEXED) {
      reindex();
    }
  }

  private void reindex() {
    index = new HashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      index.put(keys[i], i);
    }
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    index = null;
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<K, V>> iterator() {
        return new Iterator<>() {
          private int next;
          private int last = -1;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<K, V> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            last = next++;
            return new Entry(last);
          }

          @Override
          public void remove() {
            if (last < 0) {
              throw new IllegalStateException();
            }
            removeAt(last);
            next = last;
            last = -1;
          }
        };
      }
    };
  }

  /** A view of one position; {@code setValue} writes through, as {@code ObjectNode} expects. */
  private final class Entry implements Map.Entry<K, V> {
    private final int at;

    Entry(int at) {
      this.at = at;
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getKey() {
      return (K) keys[at];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getValue() {
      return (V) values[at];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V setValue(V value) {
      V previous = (V) values[at];
      values[at] = value;
      return previous;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Map.Entry<?, ?> entry && Objects.equals(getKey(), entry.getKey())
          && Objects.equals(getValue(), entry.getValue());
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
    }
  }
}
