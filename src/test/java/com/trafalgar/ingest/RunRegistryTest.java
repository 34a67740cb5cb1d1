package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.events.DomainEvent;
import com.trafalgar.events.EventDomain;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRegistryTest {
  static final Instant T0 = Instant.parse("2024-05-20T09:01:02Z");

  @TempDir Path dir;
  Path file;
  EventDomain domain;
  final List<DomainEvent> published = Collections.synchronizedList(new ArrayList<>());
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  RunRegistry registry;
  long mtime = 1_700_000_000_000L;

  @BeforeEach
  void setUp() {
    file = dir.resolve("ingest_runs.json");
    domain = new EventDomain("ingest", 100_000, 1_000L, "runs.snapshot", "runs");
    domain.subscribe(published::add);
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    registry = new RunRegistry(file, domain, clock);
  }

  /** Writes the file and gives it a new, later modification time (a new fingerprint). */
  void write(String content) throws IOException {
    Files.writeString(file, content);
    mtime += 1000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
  }

  List<String> events() {
    List<String> names = new ArrayList<>();
    for (DomainEvent event : published) {
      names.add(event.name() + " " + event.payload().get("run").get("id").asText());
    }
    return names;
  }

  @Test
  void aMissingFileIsAnEmptyBaseline() {
    RegistryReading reading = registry.read();
    assertEquals(RegistryState.MISSING, reading.state());
    assertEquals(0, reading.snapshot().size());
    assertNull(reading.lastLoadedAt());
    assertEquals(List.of(), events());
    assertEquals(0, registry.entries());
  }

  @Test
  void theFirstGoodSnapshotIsTheBaselineThenChangesArePublished() throws IOException {
    write(Runs.array(List.of(Runs.record("a", "2024-01-01T00:00:00Z", null, 0),
        Runs.record("b", "2024-01-02T00:00:00Z", null, 0))));
    RegistryReading first = registry.read();
    assertEquals(RegistryState.OK, first.state());
    assertEquals(T0, first.lastLoadedAt());
    assertEquals(List.of(), events());

    now.set(T0.plusSeconds(5));
    write(Runs.array(List.of(Runs.record("c", null, null, 0),
        Runs.record("a", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", 0))));
    RegistryReading second = registry.read();
    assertEquals(T0.plusSeconds(5), second.lastLoadedAt());
    assertEquals(List.of("run.created c", "run.updated a", "run.removed b"), events());

    JsonNode created = published.get(0).payload();
    assertEquals("run.created", created.get("event").asText());
    assertEquals(second.snapshot().find("c").payload(), created.get("run"));
    assertEquals(2, created.size());
    JsonNode removed = published.get(2).payload();
    assertEquals("{\"event\":\"run.removed\",\"run\":{\"id\":\"b\"}}", published.get(2).data());
    assertEquals(1, removed.get("run").size());
    assertEquals(3, domain.counters().publishedTotal());
  }

  @Test
  void anUnchangedFingerprintReusesTheSnapshotWithoutReading() throws IOException {
    write("[{\"id\": \"aaaa\"}]");
    RunSnapshot first = registry.read().snapshot();
    assertSame(first, registry.read().snapshot());
    // same size, same modification time: the memo is trusted, the file is not read
    Files.writeString(file, "[{\"id\": \"bbbb\"}]");
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    assertSame(first, registry.read().snapshot());
    // a new fingerprint is read
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime + 1));
    assertEquals("bbbb", registry.read().snapshot().fileOrder().get(0).id());
  }

  @Test
  void rewritingTheSameContentKeepsTheSnapshotAndPublishesNothing() throws IOException {
    String content = Runs.array(List.of(Runs.record("a", null, null, 0)));
    write(content);
    RunSnapshot first = registry.read().snapshot();
    now.set(T0.plusSeconds(1));
    write(content);
    RegistryReading again = registry.read();
    assertSame(first, again.snapshot());
    assertEquals(T0.plusSeconds(1), again.lastLoadedAt());
    assertEquals(List.of(), events());
  }

  @Test
  void aMalformedFileServesTheLastGoodSnapshotAsStale() throws IOException {
    String good = Runs.array(List.of(Runs.record("a", "2024-01-01T00:00:00Z", null, 0)));
    write(good);
    RunSnapshot last = registry.read().snapshot();

    now.set(T0.plusSeconds(10));
    write(good.substring(0, good.length() / 2)); // half-written
    RegistryReading stale = registry.read();
    assertEquals(RegistryState.STALE, stale.state());
    assertSame(last, stale.snapshot());
    assertEquals(T0, stale.lastLoadedAt());
    assertEquals(1, registry.entries());

    write("");
    assertEquals(RegistryState.STALE, registry.read().state());
    write("{\"runs\": [");
    assertEquals(RegistryState.STALE, registry.read().state());
    assertEquals(List.of(), events());

    // recovery is diffed against the last good snapshot
    write(Runs.array(List.of(Runs.record("b", null, null, 0))));
    RegistryReading recovered = registry.read();
    assertEquals(RegistryState.OK, recovered.state());
    assertEquals(T0.plusSeconds(10), recovered.lastLoadedAt());
    assertEquals(List.of("run.created b", "run.removed a"), events());
  }

  @Test
  void aBrokenFileAtStartupIsStaleAndEmptyThenTheFirstGoodReadIsTheBaseline()
      throws IOException {
    write("[{\"id\": ");
    RegistryReading stale = registry.read();
    assertEquals(RegistryState.STALE, stale.state());
    assertEquals(0, stale.snapshot().size());
    assertNull(stale.lastLoadedAt());
    write(Runs.array(List.of(Runs.record("a", null, null, 0))));
    assertEquals(RegistryState.OK, registry.read().state());
    assertEquals(List.of(), events());
  }

  @Test
  void theWatcherPollRetriesAStaleFileWithAnUnchangedFingerprint() throws IOException {
    write("[{\"id\": \"a\"}]");
    registry.read();
    write("[{\"id\": \"b\"]}"); // malformed
    assertEquals(RegistryState.STALE, registry.read().state());
    // repaired in place with the same size and modification time
    Files.writeString(file, "[{\"id\": \"c\"}]");
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    assertEquals(RegistryState.STALE, registry.read().state());
    RegistryReading polled = registry.poll();
    assertEquals(RegistryState.OK, polled.state());
    assertEquals("c", polled.snapshot().fileOrder().get(0).id());
    assertEquals(List.of("run.created c", "run.removed a"), events());
  }

  @Test
  void aFileThatDisappearsRemovesEveryRun() throws IOException {
    write(Runs.array(List.of(Runs.record("a", null, null, 0), Runs.record("b", null, null, 0))));
    registry.read();
    Files.delete(file);
    RegistryReading missing = registry.read();
    assertEquals(RegistryState.MISSING, missing.state());
    assertEquals(0, missing.snapshot().size());
    assertEquals(T0, missing.lastLoadedAt());
    assertEquals(List.of("run.removed a", "run.removed b"), events());
    // and coming back creates them again
    write(Runs.array(List.of(Runs.record("a", null, null, 0))));
    registry.read();
    assertEquals(List.of("run.removed a", "run.removed b", "run.created a"), events());
  }

  @Test
  void validJsonOfAnotherShapeIsAGoodEmptyRegistry() throws IOException {
    write(Runs.array(List.of(Runs.record("a", null, null, 0))));
    registry.read();
    write("{\"something\": \"else\"}");
    RegistryReading reading = registry.read();
    assertEquals(RegistryState.OK, reading.state());
    assertEquals(0, reading.snapshot().size());
    assertEquals(List.of("run.removed a"), events());
  }

  @Test
  void forgettingTheFingerprintForcesAReparseAndKeepsTheLastGoodSnapshot() throws IOException {
    write(Runs.array(List.of(Runs.record("a", null, null, 0))));
    RunSnapshot first = registry.read().snapshot();
    assertEquals(1, registry.entries());
    assertEquals(T0, registry.refreshedAt());

    registry.forgetFingerprint();
    assertEquals(0, registry.entries());
    assertNull(registry.refreshedAt());
    now.set(T0.plusSeconds(3));
    RegistryReading reread = registry.read();
    assertEquals(T0.plusSeconds(3), reread.lastLoadedAt());
    assertEquals(T0.plusSeconds(3), registry.refreshedAt());
    assertEquals(1, registry.entries());
    assertEquals(List.of(), events());

    // the kept snapshot is the fallback after a forget
    registry.forgetFingerprint();
    write("[{");
    RegistryReading stale = registry.read();
    assertEquals(RegistryState.STALE, stale.state());
    assertEquals(Runs.ids(first.fileOrder()), Runs.ids(stale.snapshot().fileOrder()));
    assertNull(registry.refreshedAt());
  }

  /**
   * A writer rewrites the file in place (truncate, then write in pieces) through several complete
   * versions while readers read. Every read serves one complete version, and the published events
   * replayed over the baseline give exactly the last snapshot: no change lost, none twice.
   */
  @Test
  void nonAtomicRewritesNeverLeakAPartialVersionAndEventsStayExact() throws Exception {
    List<String> versions = new ArrayList<>();
    for (int v = 0; v < 4; v++) {
      List<String> records = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        if ((i + v) % 3 != 0) {
          records.add(Runs.record("run-" + i, "2024-01-01T00:00:" + (10 + v) + "Z",
              i % 2 == 0 ? "2024-01-02T00:00:00Z" : null, (i + v) % 2));
        }
      }
      versions.add(Runs.array(records));
    }
    Set<String> listings = new HashSet<>();
    for (String version : versions) {
      listings.add(new String(new RunSnapshot(Runs.parse(version)).listing(100),
          StandardCharsets.UTF_8));
    }
    listings.add("[]");
    write(versions.get(0));
    Map<String, JsonNode> state = new LinkedHashMap<>();
    registry.read().snapshot().fileOrder().forEach(run -> state.put(run.id(), run.payload()));

    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      int n = 1;
      while (!stop.get()) {
        byte[] bytes = versions.get(n++ % versions.size()).getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
          int half = bytes.length / 2;
          channel.write(ByteBuffer.wrap(bytes, 0, half));
          Thread.onSpinWait();
          channel.write(ByteBuffer.wrap(bytes, half, bytes.length - half));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }, "test-registry-writer");
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      Thread reader = new Thread(() -> {
        try {
          for (int i = 0; i < 3000; i++) {
            RegistryReading reading = i % 2 == 0 ? registry.read() : registry.poll();
            String listing = new String(reading.snapshot().listing(100), StandardCharsets.UTF_8);
            if (!listings.contains(listing)) {
              failures.add(new AssertionError("not a complete version: " + listing));
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      readers.add(reader);
    }
    writer.start();
    readers.forEach(Thread::start);
    for (Thread reader : readers) {
      reader.join(TimeUnit.MINUTES.toMillis(2));
    }
    stop.set(true);
    writer.join(TimeUnit.MINUTES.toMillis(1));
    assertEquals(List.of(), failures);

    // settle on the last version and replay the events over the baseline
    write(versions.get(2));
    RunSnapshot last = registry.read().snapshot();
    assertTrue(published.size() > 0);
    synchronized (published) {
      for (DomainEvent event : published) {
        JsonNode run = event.payload().get("run");
        switch (event.name()) {
          case "run.created" -> assertNull(state.put(run.get("id").asText(), run), "twice");
          case "run.updated" -> assertNotSame(run, state.put(run.get("id").asText(), run));
          case "run.removed" -> assertTrue(state.remove(run.get("id").asText()) != null);
          default -> throw new AssertionError(event.name());
        }
      }
    }
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    last.fileOrder().forEach(run -> expected.put(run.id(), run.payload()));
    assertEquals(expected, state);
    assertArrayEquals(last.listing(100),
        new RunSnapshot(Runs.parse(versions.get(2))).listing(100));
  }
}
