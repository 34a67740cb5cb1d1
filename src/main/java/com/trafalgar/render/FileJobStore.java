package com.trafalgar.render;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link JobStore} of API.md 5.13 on the local file system ({@code
 * TRAFALGAR_RENDER_JOBS_PATH}): the snapshot file ({@link JobSnapshotFile}), its journal written
 * with group commit by one writer thread ({@link JobJournal}), and the journal's line format
 * ({@link JournalFile}); see docs/render.md, <i>Job store</i>.
 */
public final class FileJobStore implements JobStore {
  private static final Logger LOG = Logger.getLogger(FileJobStore.class.getName());
  /** How long {@link #close()} waits for the queued changes and the final snapshot. */
  private static final long CLOSE_TIMEOUT_MILLIS = 60_000;

  private final JobSnapshotFile files;
  /** Whether the load must be written back at once (pruned, from {@code .bak}, journals). */
  private boolean mustRewrite;
  private volatile JobJournal journal;

  public FileJobStore(Path file, Optional<Duration> retention, Clock clock) {
    this.files = new JobSnapshotFile(file, retention, clock);
  }

  @Override
  public List<RenderJob> load() {
    JobSnapshotFile.Loaded loaded = files.load();
    mustRewrite = loaded.mustRewrite();
    return loaded.jobs();
  }

  /**
   * Folds what the load found into a fresh snapshot when needed (something pruned or evicted,
   * data recovered from {@code .bak}, journals present), then starts the journal writer.
   */
  @Override
  public void open(List<String> evictedAtLoad, History history) {
    LOG.info(() -> "Loaded " + history.size() + " render jobs from " + files.file() + ".");
    if (mustRewrite || !evictedAtLoad.isEmpty()) {
      try {
        files.save(history.capture());
        files.deleteJournals();
      } catch (IOException e) {
        LOG.log(Level.SEVERE, "Could not rewrite the render job store " + files.file(), e);
      }
    }
    JobJournal started = new JobJournal(files, history::capture, history::view, history::size);
    started.start();
    journal = started;
  }

  @Override
  public CompletableFuture<Void> append(List<JobChange> changes, Runnable onDurable) {
    List<byte[]> lines = new ArrayList<>(changes.size());
    changes.forEach(change -> lines.add(JournalFile.line(change)));
    return journal.append(lines, onDurable);
  }

  @Override
  public StoreStats stats() {
    return files.stats();
  }

  @Override
  public void close() {
    if (journal != null) {
      journal.close(CLOSE_TIMEOUT_MILLIS);
    }
  }
}
