package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal writer on real files: torn tails, failed batches, a writer that dies. */
class JobJournalTest {
  static final Instant NOW = Instant.parse("2024-05-12T14:30:45.123456Z");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(NOW);
  final List<RenderJob> memory = new CopyOnWriteArrayList<>();
  final List<JobJournal> opened = new ArrayList<>();

  JobSnapshotFile store() {
    return new JobSnapshotFile(dir.resolve("jobs.json"), Optional.empty(), clock);
  }

  JobJournal journal(JobSnapshotFile store) {
    JobJournal journal = new JobJournal(store, () -> new ArrayList<>(memory), () -> memory,
        memory::size);
    opened.add(journal);
    journal.start();
    return journal;
  }

  @AfterEach
  void close() {
    opened.forEach(journal -> journal.close(5_000));
  }

  List<String> ids(JobSnapshotFile store) {
    return store.load().jobs().stream().map(RenderJob::jobId).toList();
  }

  List<Path> named(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  /** A non-empty directory where the snapshot's .tmp goes: every snapshot write fails. */
  Path blockSnapshots() throws IOException {
    return Files.createDirectories(dir.resolve("jobs.json.tmp").resolve("blocker"));
  }

  static void deleteTree(Path path) throws IOException {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void aTornTailIsCutOffAndPreservedBeforeTheNextAppend() throws Exception {
    RenderJob a = JobSnapshotFileTest.job("a", NOW);
    RenderJob b = JobSnapshotFileTest.job("b", NOW.plusSeconds(1));
    byte[] torn = "{\"op\":\"put\",\"job\":{\"job_id\":\"to".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("jobs.json.journal");
    Files.write(file, JournalFile.putLine(a));
    Files.write(file, torn, java.nio.file.StandardOpenOption.APPEND);
    // the snapshot cannot be written, so the journal stays the only record (the crash-loop case)
    Path blocker = blockSnapshots();
    JobJournal journal = journal(store());
    memory.add(b);
    journal.append(List.of(JournalFile.putLine(b))).get(5, TimeUnit.SECONDS);
    journal.close(5_000);
    deleteTree(blocker.getParent());

    assertEquals(List.of("a", "b"), ids(store()), "the acknowledged job must replay");
    List<Path> kept = named("jobs.json.journal.torn-");
    assertEquals(1, kept.size(), "the torn bytes are preserved in a side file");
    assertEquals("jobs.json.journal.torn-20240512T143045Z", kept.get(0).getFileName().toString());
    assertArrayEquals(torn, Files.readAllBytes(kept.get(0)));
  }

  @Test
  void aBatchThatHitsAnErrorFailsItsWaitersAndTheWriterKeepsServing() throws Exception {
    JobSnapshotFile store = store();
    JobJournal journal = journal(store);
    java.util.concurrent.atomic.AtomicBoolean armed =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    journal.beforeWrite(lines -> {
      if (armed.getAndSet(false)) {
        throw new OutOfMemoryError("injected by the test");
      }
    });
    RenderJob a = JobSnapshotFileTest.job("a", NOW);
    RenderJob b = JobSnapshotFileTest.job("b", NOW.plusSeconds(1));
    java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.ExecutionException.class,
        () -> journal.append(List.of(JournalFile.putLine(a))).get(5, TimeUnit.SECONDS));
    assertTrue(failed.getCause() instanceof IOException, failed.getCause().toString());
    memory.add(b);
    journal.append(List.of(JournalFile.putLine(b))).get(5, TimeUnit.SECONDS);
    assertEquals(List.of("b"), ids(store()));
  }

  /** A log handler that fails like an out-of-memory logging back end, once armed. */
  static final class FailingLog extends java.util.logging.Handler {
    final java.util.concurrent.atomic.AtomicBoolean armed =
        new java.util.concurrent.atomic.AtomicBoolean(true);

    @Override
    public void publish(java.util.logging.LogRecord record) {
      if (record.getLevel() == java.util.logging.Level.SEVERE && armed.getAndSet(false)) {
        throw new OutOfMemoryError("injected by the test: logging failed");
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aWriterThatDiesAnywayIsReportedDownAndLaterWritesFailAtOnce() throws Exception {
    JobSnapshotFile store = store();
    JobJournal journal = journal(store);
    journal.beforeWrite(lines -> {
      throw new IOException("disk on fire");
    });
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(JobJournal.class.getName());
    FailingLog failing = new FailingLog();
    log.addHandler(failing);
    try {
      // the batch fails and reporting it fails too: the writer thread ends
      java.util.concurrent.ExecutionException first = org.junit.jupiter.api.Assertions
          .assertThrows(java.util.concurrent.ExecutionException.class, () -> journal
              .append(List.of(JournalFile.putLine(JobSnapshotFileTest.job("a", NOW))))
              .get(5, TimeUnit.SECONDS));
      assertTrue(first.getCause() instanceof IOException, first.getCause().toString());
    } finally {
      log.removeHandler(failing);
    }
    assertTrue(journal.dead());
    assertEquals("down", store.stats().state());
    // health shows no exception class or path; the log has them
    assertEquals("appending to jobs.json.journal failed: internal error",
        store.stats().lastWriteError());
    journal.beforeWrite(lines -> { });
    long start = System.nanoTime();
    java.util.concurrent.CompletableFuture<Void> later =
        journal.append(List.of(JournalFile.putLine(JobSnapshotFileTest.job("b", NOW))));
    assertTrue(later.isCompletedExceptionally(), "a dead writer fails appends at once");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void aFailedWriteMarksTheStoreFailingUntilTheNextWriteSucceeds() throws Exception {
    JobSnapshotFile store = store();
    JobJournal journal = journal(store);
    journal.beforeWrite(lines -> {
      throw new IOException("disk full");
    });
    org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
        () -> journal.append(List.of(JournalFile.putLine(JobSnapshotFileTest.job("a", NOW))))
            .get(5, TimeUnit.SECONDS));
    assertEquals("failing", store.stats().state());
    assertEquals("appending to jobs.json.journal failed: input/output error",
        store.stats().lastWriteError());
    journal.beforeWrite(lines -> { });
    journal.append(List.of(JournalFile.putLine(JobSnapshotFileTest.job("b", NOW))))
        .get(5, TimeUnit.SECONDS);
    assertEquals("ok", store.stats().state());
    assertEquals(null, store.stats().lastWriteError());
  }

  void writeJournal(String content) throws IOException {
    Files.writeString(dir.resolve("jobs.json.journal"), content);
  }

  String line(String id) {
    return new String(JournalFile.putLine(JobSnapshotFileTest.job(id, NOW)),
        StandardCharsets.UTF_8);
  }

  @Test
  void anUnparsableCompleteLastLineIsKeptAsideToo() throws IOException {
    writeJournal(line("a") + "{\"op\":\"put\",\"job\":{\"job_id\"\n");
    Path side = JournalFile.repairTail(dir.resolve("jobs.json.journal"), clock);
    assertEquals("{\"op\":\"put\",\"job\":{\"job_id\"\n", Files.readString(side));
    assertEquals(line("a"), Files.readString(dir.resolve("jobs.json.journal")));
  }

  @Test
  void aJournalWithoutAnyNewlineIsKeptAsideWhole() throws IOException {
    String garbage = "\u0000".repeat(20_000) + "x";
    writeJournal(garbage);
    Path side = JournalFile.repairTail(dir.resolve("jobs.json.journal"), clock);
    assertEquals(garbage, Files.readString(side));
    assertEquals(0, Files.size(dir.resolve("jobs.json.journal")));
  }

  @Test
  void anIntactJournalIsLeftAloneAndSideFilesAreNeverOverwritten() throws IOException {
    writeJournal(line("a") + line("b") + "\n");
    assertEquals(null, JournalFile.repairTail(dir.resolve("jobs.json.journal"), clock));
    assertEquals(line("a") + line("b") + "\n",
        Files.readString(dir.resolve("jobs.json.journal")));
    assertEquals(null, JournalFile.repairTail(dir.resolve("missing"), clock));
    writeJournal(line("a") + "first");
    JournalFile.repairTail(dir.resolve("jobs.json.journal"), clock);
    writeJournal(line("a") + "second");
    Path again = JournalFile.repairTail(dir.resolve("jobs.json.journal"), clock);
    assertEquals("jobs.json.journal.torn-20240512T143045Z-2", again.getFileName().toString());
    assertEquals("first", Files.readString(dir.resolve("jobs.json.journal.torn-20240512T143045Z")));
    assertEquals("second", Files.readString(again));
  }
}
