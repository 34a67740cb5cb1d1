package com.trafalgar.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.storage.AtomicFiles;
import com.trafalgar.storage.FileBytes;
import com.trafalgar.storage.IoFailures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The files of {@link FileJobStore}: the job store file of API.md 5.13 (the snapshot), the paths
 * of its append-only journal ({@code <store>.journal}), and the health figures.
 *
 * <p>The snapshot file keeps exactly the contract's format and write protocol. Between snapshot
 * writes every acknowledged change is appended to the journal as one compact JSON line ({@link
 * JournalFile}) and fsync'd, so a submission costs one small append instead of rewriting the whole
 * history. At load the snapshot is read under the contract's rules, then {@code
 * <store>.journal.old} and {@code <store>.journal} are replayed in order. Snapshot loads and saves
 * are serialised; {@link JobJournal} owns the journal file.
 */
final class JobSnapshotFile {
  private static final Logger LOG = Logger.getLogger(JobSnapshotFile.class.getName());

  private final Path file;
  private final Optional<Duration> retention;
  private final Clock clock;
  private final StoreFigures figures = new StoreFigures();

  private volatile boolean writerDown;

  /** What a load found. */
  record Loaded(List<RenderJob> jobs, boolean mustRewrite) {}

  JobSnapshotFile(Path file, Optional<Duration> retention, Clock clock) {
    this.file = file.toAbsolutePath();
    this.retention = retention;
    this.clock = clock;
  }

  Path file() {
    return file;
  }

  Path journal() {
    return file.resolveSibling(file.getFileName() + ".journal");
  }

  Path oldJournal() {
    return file.resolveSibling(file.getFileName() + ".journal.old");
  }

  /**
   * Loads the store once (5.13.2): the jobs in {@code created_at} order after retention, and
   * whether the file must be written at once (pruned, recovered from {@code .bak}, or journal
   * entries to fold).
   */
  synchronized Loaded load() {
    figures.loaded(now());
    Path tmp = AtomicFiles.tmpOf(file);
    Path bak = AtomicFiles.bakOf(file);
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete leftover job store file " + tmp, e);
    }
    Optional<ArrayNode> items = Optional.empty();
    boolean fromBak = false;
    if (Files.exists(file)) {
      items = readArray(file);
      if (items.isPresent()) {
        deleteQuietly(bak);
      }
    }
    if (items.isEmpty() && Files.exists(bak)) {
      items = readArray(bak);
      fromBak = items.isPresent();
    }
    Map<String, RenderJob> jobs = new LinkedHashMap<>();
    for (JsonNode item : items.orElseGet(JsonNodeFactory.instance::arrayNode)) {
      try {
        RenderJob job = JobRecords.parse(item);
        jobs.put(job.jobId(), job);
      } catch (JobRecords.BadRecord e) {
        LOG.warning(() -> "Skipping job store record: " + e.getMessage() + ".");
      }
    }
    repairTail(oldJournal());
    repairTail(journal());
    int replayed = JournalFile.replay(oldJournal(), jobs)
        + JournalFile.replay(journal(), jobs);
    List<RenderJob> ordered = new ArrayList<>(jobs.values());
    ordered.sort(Comparator.comparing(RenderJob::createdAt));
    List<RenderJob> kept = applyRetention(ordered);
    boolean pruned = kept.size() < ordered.size();
    figures.retained(kept.size());
    List<RenderJob> sequenced = new ArrayList<>(kept.size());
    for (int i = 0; i < kept.size(); i++) {
      sequenced.add(kept.get(i).withSequence(i + 1L));
    }
    boolean journals = Files.exists(journal()) || Files.exists(oldJournal());
    return new Loaded(sequenced, pruned || fromBak || replayed > 0 || journals);
  }

  private Optional<ArrayNode> readArray(Path path) {
    try {
      JsonNode node = Json.mapper().readTree(FileBytes.read(path));
      if (node != null && node.isArray()) {
        return Optional.of((ArrayNode) node);
      }
      preserve(path, "it is not a JSON array");
    } catch (IOException | RuntimeException e) {
      preserve(path, "it is not readable JSON (" + e.getClass().getSimpleName() + ")");
    }
    return Optional.empty();
  }

  private void preserve(Path path, String why) {
    try {
      Path kept = AtomicFiles.preserveCorrupt(path, clock);
      LOG.severe(() -> "Job store file " + path + " could not be loaded because " + why
          + "; preserved it as " + kept.getFileName() + ".");
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Job store file " + path + " could not be loaded because " + why
          + " and could not be preserved", e);
    }
  }

  /** Keeps a torn last line aside before the startup fold deletes the journal. */
  private void repairTail(Path journal) {
    try {
      JournalFile.repairTail(journal, clock);
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Could not check the end of job store journal " + journal
          + "; an unreadable last line is skipped at replay", e);
    }
  }

  /**
   * Writes the whole history (after retention) with the protocol of 5.13.3. Jobs are written in
   * {@code created_at} order.
   *
   * @throws IOException when the file could not be written (the previous file stays intact)
   */
  synchronized void save(List<RenderJob> history) throws IOException {
    List<RenderJob> jobs = new ArrayList<>(history);
    jobs.sort(Comparator.comparing(RenderJob::createdAt)
        .thenComparingLong(RenderJob::sequence));
    List<RenderJob> kept = applyRetention(jobs);
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    kept.forEach(job -> array.add(job.record()));
    byte[] payload = Json.prettySorted(array);
    Path tmp = AtomicFiles.tmpOf(file);
    Path bak = AtomicFiles.bakOf(file);
    Path parent = file.getParent();
    Files.createDirectories(parent);
    try {
      AtomicFiles.writeSynced(tmp, payload);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw e;
    }
    if (Files.exists(file)) {
      try {
        Files.move(file, bak, StandardCopyOption.ATOMIC_MOVE);
        figures.rotated(now());
      } catch (IOException e) {
        // shown by /render/health: file names and a reason only; the caller logs the details
        figures.rotationFailed(IoFailures.describe("renaming", e, file, bak));
        deleteQuietly(tmp);
        throw e;
      }
    }
    try {
      AtomicFiles.moveAtomically(tmp, file);
      AtomicFiles.syncDirectory(parent);
    } catch (IOException e) {
      if (Files.exists(bak)) {
        try {
          AtomicFiles.moveAtomically(bak, file);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      deleteQuietly(tmp);
      throw e;
    }
    deleteQuietly(bak);
    AtomicFiles.syncDirectory(parent);
    figures.snapshotSaved(now());
    figures.retained(kept.size());
  }

  /** Drops records older than the retention window, counting the pass (5.13.4). */
  private List<RenderJob> applyRetention(List<RenderJob> jobs) {
    if (retention.isEmpty()) {
      return jobs;
    }
    Instant cutoff = cutoff();
    List<RenderJob> kept = new ArrayList<>(jobs.size());
    for (RenderJob job : jobs) {
      if (!job.createdAt().isBefore(cutoff)) {
        kept.add(job);
      }
    }
    figures.pruned(jobs.size() - kept.size(), now());
    return kept;
  }

  private Instant cutoff() {
    try {
      return clock.instant().minus(retention.get());
    } catch (ArithmeticException | DateTimeException e) {
      return Instant.MIN;
    }
  }

  /** Counts what the store holds for {@code history} (after retention), without pruning. */
  void committed(Collection<RenderJob> history) {
    if (retention.isEmpty()) {
      figures.retained(history.size());
    } else {
      Instant cutoff = cutoff();
      figures.retained((int) history.stream()
          .filter(job -> !job.createdAt().isBefore(cutoff)).count());
    }
    figures.saved(now());
  }

  /** A journal write failed; the store is failing until the next write succeeds. */
  void writeFailed(Throwable e) {
    figures.writeFailed(describe(e));
  }

  /** The journal writer stopped for good: the store is down until the service restarts. */
  void writerDied(Throwable e) {
    writerDown = true;
    figures.writeFailed(describe(e));
  }

  /**
   * What a failed journal write could not do, for {@code /render/health}: file names and the
   * operating system's reason, never a path or an exception class (the log has those).
   */
  private String describe(Throwable e) {
    return e instanceof IOException io
        ? IoFailures.describe("appending to", io, journal())
        : "appending to " + journal().getFileName() + " failed: internal error";
  }

  /** {@code ok}, {@code failing} or {@code down} (see {@link StoreStats}). */
  String state() {
    return writerDown ? "down" : figures.failing() ? "failing" : "ok";
  }

  /** The health figures (5.11). */
  StoreStats stats() {
    return figures.stats(retention.map(Duration::getSeconds).orElse(null), state());
  }

  /**
   * Opens the journal for appending. A torn tail left by a crash or a failed write is cut off first
   * (its bytes kept aside), so the next line is never glued to it; a new journal's directory entry
   * is fsync'd so the file survives a crash with its first lines.
   */
  FileChannel openJournal() throws IOException {
    Path parent = file.getParent();
    Files.createDirectories(parent);
    JournalFile.repairTail(journal(), clock);
    boolean created = Files.notExists(journal());
    FileChannel channel = FileChannel.open(journal(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (created) {
      AtomicFiles.syncDirectory(parent);
    }
    return channel;
  }

  /** Moves the current journal aside so a slow snapshot can run while appends continue. */
  void rotateJournal() throws IOException {
    AtomicFiles.moveAtomically(journal(), oldJournal());
    AtomicFiles.syncDirectory(file.getParent());
  }

  /** Deletes both journals once a snapshot covering them is durable (startup). */
  void deleteJournals() throws IOException {
    Files.deleteIfExists(journal());
    deleteOldJournal();
  }

  void deleteOldJournal() throws IOException {
    Files.deleteIfExists(oldJournal());
    AtomicFiles.syncDirectory(file.getParent());
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete " + path, e);
    }
  }

  private Instant now() {
    return Timestamps.truncate(clock.instant());
  }
}
